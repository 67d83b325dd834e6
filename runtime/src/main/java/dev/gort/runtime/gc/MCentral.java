package dev.gort.runtime.gc;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.Panic;
import dev.gort.runtime.lock.Mutex;

/**
 * The spans of one span class that no mcache holds: partly and wholly allocated, swept and not
 * yet swept in this cycle.
 *
 * <p>Go: mcentral.go {@code mcentral}, {@code cacheSpan}, {@code uncacheSpan}, {@code grow},
 * {@code partialSwept}/{@code partialUnswept}/{@code fullSwept}/{@code fullUnswept}.
 *
 * <p>As in Go, the four sets are two pairs indexed by {@code sweepgen/2 % 2}: when the heap's
 * sweepgen moves on by 2 at the end of a mark phase, every swept set becomes the unswept set of
 * the new cycle at no cost. The sets are intrusive stacks linked through {@code mspan.next}
 * (Go: lock-free spanSets), under {@code lock}, a leaf: no lock is taken while it is held, and a
 * span is swept only after it has been popped.
 */
final class MCentral {
    final int spanclass;                     // immutable
    private final Heap heap;                 // immutable
    private final Mutex lock = new Mutex();  // guards the four lists
    private final long[] partial = new long[2]; // spans with a free slot
    private final long[] full = new long[2];    // spans without one
    private final MSpan span;                // a view, used under lock

    MCentral(Heap heap, int spanclass) {
        this.heap = heap;
        this.spanclass = spanclass;
        this.span = new MSpan(heap.mem.space);
    }

    private static int swept(long sg) {
        return (int) (sg / 2 % 2);
    }

    private static int unswept(long sg) {
        return 1 - swept(sg);
    }

    private void push(long[] list, int i, long s) {
        lock(lock);
        span.at(s).setNext(list[i]);
        list[i] = s;
        unlock(lock);
    }

    private long pop(long[] list, int i) {
        lock(lock);
        long s = list[i];
        if (s != 0) {
            list[i] = span.at(s).next();
            span.setNext(0);
        }
        unlock(lock);
        return s;
    }

    /** Puts a swept span on the swept list that fits it. */
    void pushSwept(long s, MSpan v) {
        long sg = heap.sweepgen();
        push(v.at(s).allocCount() < v.nelems() ? partial : full, swept(sg), s);
    }

    /** Pops a span that still needs sweeping this cycle (partial ones first), or 0. */
    long popUnswept() {
        long sg = heap.sweepgen();
        long s = pop(partial, unswept(sg));
        return s != 0 ? s : pop(full, unswept(sg));
    }

    // tag::cacheSpan[]
    /**
     * Go: mcentral.cacheSpan. A span with a free slot for an mcache: a swept
     * partial one, else an unswept one swept here (partial ones first; full ones
     * may free slots), else a new one.
     */
    long cacheSpan(MSpan v) {
        long sg = heap.sweepgen();
        long s = pop(partial, swept(sg));
        if (s != 0) {
            return s;
        }
        while ((s = pop(partial, unswept(sg))) != 0) {
            if (v.at(s).casSweepgen(sg - 2, sg - 1)) {
                heap.sweeper.sweep(s, true);
                return s;
            }
        }
        while ((s = pop(full, unswept(sg))) != 0) {
            if (v.at(s).casSweepgen(sg - 2, sg - 1)) {
                heap.sweeper.sweep(s, true);
                if (v.at(s).nextFreeIndex() < v.nelems()) {
                    return s;
                }
                push(full, swept(sg), s);
            }
        }
        return grow();
    }
    // end::cacheSpan[]

    /** Go: mcentral.uncacheSpan. Takes back a span an mcache held; sweeps it if it went stale. */
    void uncacheSpan(long s, MSpan v) {
        long sg = heap.sweepgen();
        long ssg = v.at(s).sweepgen();
        if (ssg != sg + 1 && ssg != sg + 3) {
            Panic.print("runtime: uncacheSpan: span sweepgen=" + ssg + " heap sweepgen=" + sg + "\n");
            throw Panic.throw_("uncacheSpan: bad sweepgen");
        }
        if (ssg == sg + 1) {
            // Cached before this cycle's sweep began: it still needs sweeping.
            v.setSweepgen(sg - 1);
            heap.sweeper.sweep(s, false);
            return;
        }
        v.setSweepgen(sg);
        pushSwept(s, v);
    }

    /** Go: mcentral.grow. A fresh span from the heap. */
    private long grow() {
        int sizeclass = SizeClasses.sizeclass(spanclass);
        long s = heap.mheap.allocSpan(SizeClasses.classToAllocNPages(sizeclass), spanclass,
                heap.sweepgen());
        heap.publish(s);
        return s;
    }
}
