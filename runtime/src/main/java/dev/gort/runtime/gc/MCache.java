package dev.gort.runtime.gc;

import dev.gort.runtime.Panic;

/**
 * A P's cache of spans, one per span class, from which it allocates without locks.
 *
 * <p>Go: mcache.go {@code mcache}, {@code nextFree} (malloc.go), {@code refill},
 * {@code releaseAll}.
 *
 * <p>Owned by its P: only the M holding the P touches it (mallocgc pins the M), except at
 * stop-the-world, when mark termination releases every cache. A slot of {@code alloc} is 0 (Go's
 * {@code emptymspan}) until the first allocation of that class. A cached span's sweepgen is
 * {@code sg+3}: the sweeper leaves it alone.
 */
final class MCache {
    private final Heap heap;
    final long[] alloc = new long[SizeClasses.NUM_SPAN_CLASSES]; // span per class, 0: none
    final MSpan span;                    // a view for mallocgc
    final MSpan other;                   // a view for refill's callees
    final MSpan mark;                    // a view for marking on this P (findObject, scanobject)
    boolean mallocing;                   // Go: m.mallocing (gort keeps it with the P's cache)
    long mallocs;                        // objects allocated from this cache (statistics)

    MCache(Heap heap) {
        this.heap = heap;
        this.span = new MSpan(heap.mem.space);
        this.other = new MSpan(heap.mem.space);
        this.mark = new MSpan(heap.mem.space);
    }

    // tag::nextFree[]
    /**
     * Go: mcache.nextFree. A free slot of class spc: the next one in the cached
     * span, else one of a span refill brings. Leaves {@link #span} pointing at the
     * slot's span; sets shouldhelpgc through the return of refill.
     */
    long nextFree(int spc) {
        long s = alloc[spc];
        long idx;
        if (s == 0 || (idx = span.at(s).nextFreeIndex()) == span.nelems()) {
            s = refill(spc);
            idx = span.at(s).nextFreeIndex();
        }
        span.setFreeindex(idx + 1);
        span.setAllocCount(span.allocCount() + 1);
        return span.base0() + idx * span.elemsize();
    }
    // end::nextFree[]

    /** Go: mcache.refill. Hands the full span back and caches one with a free slot. */
    private long refill(int spc) {
        long s = alloc[spc];
        MCentral central = heap.central(spc);
        if (s != 0) {
            if (other.at(s).sweepgen() != heap.sweepgen() + 3) {
                throw Panic.throw_("bad sweepgen in refill");
            }
            central.uncacheSpan(s, other);
        }
        s = central.cacheSpan(other);
        other.at(s);
        if (other.allocCount() == other.nelems()) {
            throw Panic.throw_("span has no free space");
        }
        other.setSweepgen(heap.sweepgen() + 3);
        heap.addLive((other.nelems() - other.allocCount()) * other.elemsize());
        alloc[spc] = s;
        return s;
    }

    /** Go: mcache.releaseAll. Returns every cached span to its mcentral (at stop-the-world). */
    void releaseAll() {
        for (int spc = 0; spc < alloc.length; spc++) {
            long s = alloc[spc];
            if (s != 0) {
                other.at(s);
                heap.stats.addLive(-(other.nelems() - other.allocCount()) * other.elemsize());
                heap.central(spc).uncacheSpan(s, other);
                alloc[spc] = 0;
            }
        }
    }
}
