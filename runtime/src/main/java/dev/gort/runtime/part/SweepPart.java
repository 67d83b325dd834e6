package dev.gort.runtime.part;

/**
 * Sweeping a span: freeing the objects the last mark did not reach, catching a marked free object
 * ("found pointer to free object"), and setting {@code needzero} when slots were freed.
 * Go: mgcsweep.go {@code sweepLocked.sweep}. Reference: {@code dev.gort.runtime.gc.Sweeper}.
 */
public interface SweepPart {
    /**
     * Sweeps span s (the caller moved its sweepgen to sg-1); returns whether s went back to the
     * heap whole. With preserve, s stays with the caller (an mcache is about to use it).
     */
    boolean sweep(long s, boolean preserve);
}
