package dev.gort.runtime.gc;

import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;

/**
 * Allocating an object in the garbage-collected heap.
 *
 * <p>Go: malloc.go {@code mallocgc} (its small and large paths), {@code largeAlloc},
 * {@code heapBitsSetType} (mbitmap.go, Go 1.20's form), {@code gcmarknewobject} (mgcmark.go).
 *
 * <p>Steps: (1) start a cycle if the heap outgrew its goal; (2) take a slot from the P's mcache
 * (small) or a span of its own from the heap (large, over 32 KB); (3) clear it — the memclr
 * part's choice: only when the caller wants zeroed memory and the span says its free slots may
 * hold old bytes ({@code needzero}); (4) record which words hold pointers in the heap bitmap;
 * (5) during a mark, allocate black (set the mark bit) so the object survives the cycle it was
 * born in. Runs on a user G holding a P, pinned to its M; a re-entrant call is "malloc deadlock".
 * Gort has no tiny allocator.
 */
final class Malloc {
    private Malloc() {}

    // tag::mallocgc[]
    static long mallocgc(Heap heap, long size, Type typ, boolean needzero) {
        if (size == 0) {
            return heap.zerobase();
        }
        if (size > HeapArena.HEAP_ARENA_BYTES - SizeClasses.PAGE_SIZE) {
            throw Panic.throw_("out of memory: objects are at most 4 MB - 8 KB");
        }
        Gc.maybeStart(heap);
        M mp = Switch.getm("mallocgc");
        MCache c = heap.mcache(mp);
        if (c.mallocing) {
            throw Panic.throw_("malloc deadlock");
        }
        mp.locks++; // acquirem
        mp.mallocing = 1; // Go: no panic, no preemption until the object is set up
        c.mallocing = true;
        boolean noscan = typ == null || !typ.pointers();
        long s;
        long x;
        long elemsize;
        boolean spanNeedzero;
        if (size <= SizeClasses.MAX_SMALL_SIZE) {
            int sizeclass = SizeClasses.sizeToClass(size);
            int spc = SizeClasses.makeSpanClass(sizeclass, noscan);
            MCache.Alloc a = c.alloc[spc];
            x = a.nextFreeFast();
            if (x == 0) {
                x = c.nextFree(spc);
            }
            s = a.s;
            elemsize = a.elemsize;
            spanNeedzero = a.needzero;
        } else {
            s = largeAlloc(heap, size, noscan);
            MSpan span = c.span.at(s);
            x = span.base0();
            elemsize = span.elemsize();
            spanNeedzero = span.needzero();
        }
        if (heap.gcphase != Heap._GCoff) {
            gcmarknewobject(c, c.span.at(s), x, elemsize);
        }
        heap.zeroing.clearNew(x, elemsize, needzero, spanNeedzero);
        if (!noscan) {
            heapBitsSetType(heap, x, elemsize, typ);
        }
        c.stats.mallocs++;
        c.stats.bytesAllocated += elemsize;
        c.mallocing = false;
        mp.mallocing = 0;
        mp.locks--; // releasem
        return x;
    }
    // end::mallocgc[]

    /**
     * Go: gcmarknewobject. During a mark, a new object is allocated black; its bytes count as
     * marked when the P's cache is released at mark termination.
     */
    private static void gcmarknewobject(MCache c, MSpan span, long x, long elemsize) {
        span.setMarked(span.objIndex(x));
        c.markedBytes += elemsize;
    }

    /** Go: largeAlloc. A span of its own for one object over 32 KB. */
    private static long largeAlloc(Heap heap, long size, boolean noscan) {
        long npages = (size + SizeClasses.PAGE_SIZE - 1) >>> SizeClasses.PAGE_SHIFT;
        int spc = SizeClasses.makeSpanClass(0, noscan);
        long s = heap.mheap.allocSpan(npages, spc, heap.sweepgen());
        MSpan span = heap.span(s);
        span.setFreeindex(1); // its one slot is allocated (Go: allocLarge)
        span.setAllocCount(1);
        heap.publish(s);
        // Go: mheap_.central[spc].mcentral.fullSwept(sweepgen).push(s), so the sweeper sees it.
        heap.pushSwept(s);
        heap.addLive(npages << SizeClasses.PAGE_SHIFT);
        return s;
    }

    // tag::heapBitsSetType[]
    /**
     * Go: heapBitsSetType. Records which words of the new object at x hold
     * pointers, from typ's mask; the rest of the slot's words (beyond typ, or a
     * larger size class) are scalars.
     */
    static void heapBitsSetType(Heap heap, long x, long size, Type typ) {
        HeapArena a = heap.mheap.arenaOf(x);
        for (long w = 0; w < size / Type.PTR_SIZE; w++) {
            boolean ptr = w * Type.PTR_SIZE < typ.ptrdata && typ.isPointer(w);
            a.setPointer(x + w * Type.PTR_SIZE, ptr);
        }
    }
    // end::heapBitsSetType[]
}
