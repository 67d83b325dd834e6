package dev.gort.runtime.gc;

import dev.gort.runtime.Panic;
import dev.gort.runtime.part.SweepPart;

/**
 * Sweeping one span: the objects the last mark left unmarked become free slots, and the span
 * goes back where the allocator will find it.
 *
 * <p>Go: mgcsweep.go {@code sweepLocked.sweep}, {@code mspan.reportZombies}; malloc.go
 * {@code debug.clobberfree} (gort fills freed objects with the heap's poison word).
 *
 * <p>The caller owns the span: it moved {@code sweepgen} from {@code sg-2} to {@code sg-1}. After
 * the sweep the mark bits are the alloc bits, the mark bits are clear, {@code freeindex} is 0,
 * {@code allocCount} is the number of live objects, and {@code sweepgen} is {@code sg}.
 */
public final class Sweeper implements SweepPart {
    private final Heap heap;

    public Sweeper(Heap heap) {
        this.heap = heap;
    }

    /**
     * Go: sweepLocked.sweep. Frees span s's unmarked objects; returns whether s went back to the
     * heap whole. With {@code preserve} (mcentral.cacheSpan sweeping a span for an mcache) the
     * span stays with the caller whatever it holds.
     */
    @Override
    public boolean sweep(long s, boolean preserve) {
        MSpan span = heap.span(s);
        // SOLUTION sweep: Afterwards span s holds exactly the objects the last mark marked: every allocated, unmarked slot is free (filled with poison when poisoning is on) and counted as freed with its bytes, allocCount is the number of marked slots, freeindex is 0, the mark bits have become the alloc bits and are clear, needzero is set if anything was freed, and sweepgen is the heap's. A span left empty goes back to the heap (always when large; when small, unless preserve), and the result says so; any other span goes back on its mcentral's swept lists, unless preserve. Throws "found pointer to free object" (after printing the span and the slot) when a marked slot is free. | book: zeroing#sweep
        long nelems = span.nelems();
        long size = span.elemsize();
        long base = span.base0();
        long nfreed = 0;
        for (long i = 0; i < nelems; i++) {
            boolean marked = span.isMarked(i);
            boolean free = span.isFree(i);
            if (marked && free) {
                Panic.print("runtime: marked free object in span 0x" + Long.toHexString(s)
                        + ", elemsize=" + size + " freeindex=" + span.freeindex()
                        + " (bad use of unsafe.Pointer or having race conditions? try -d=checkptr)\n");
                Panic.print("0x" + Long.toHexString(base + i * size) + " marked free\n");
                throw Panic.throw_("found pointer to free object");
            }
            if (!marked && !free) {
                heap.poisonFreed(base + i * size, size);
                nfreed++;
            }
        }
        long nalloc = span.countMarked();
        span.setAllocCount(nalloc);
        span.setFreeindex(0);
        span.marksBecomeAllocs();
        if (nfreed > 0) {
            span.setNeedzero(true);
        }
        span.setSweepgen(heap.sweepgen());
        heap.countFreed(nfreed, nfreed * size);
        boolean large = SizeClasses.sizeclass(span.spanclass()) == 0;
        if (nalloc == 0 && (large || !preserve)) {
            heap.freeSpan(s);
            return true;
        }
        if (!preserve) {
            heap.pushSwept(s);
        }
        return false;
        // END SOLUTION
    }
}
