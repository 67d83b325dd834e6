package dev.gort.runtime.gc;

import dev.gort.runtime.Panic;

/**
 * A P's cache of spans, one per span class, from which it allocates without locks.
 *
 * <p>Go: mcache.go {@code mcache}, {@code nextFree} and {@code nextFreeFast} (malloc.go),
 * {@code refill}, {@code releaseAll}; mbitmap.go {@code nextFreeIndex}, {@code refillAllocCache}.
 *
 * <p>Owned by its P: only the M holding the P touches it (mallocgc pins the M), except at
 * stop-the-world, when mark termination releases every cache. A class with no span yet has an
 * {@link Alloc} whose span is 0 and whose allocCache is empty (Go's {@code emptymspan}), so the
 * fast path fails on it without a test of its own. A cached span's sweepgen is {@code sg+3}: the
 * sweeper leaves it alone, and nobody but this cache reads its {@code freeindex} and
 * {@code allocCount} until it is uncached.
 */
final class MCache {
    /* Overview: Go's fast path (nextFreeFast) takes the lowest set bit of the span's allocCache,
     * a 64-bit window of the inverted alloc bits starting at freeindex, and moves freeindex past
     * it: no lock, no atomic, no allocation. gort keeps that window, freeindex and allocCount in
     * Java fields of this cache while the span is cached (Go keeps them in the mspan, which is
     * plain memory to it), so the fast path makes no checked access to unmanaged memory; the
     * span structure gets them back whenever the span leaves the cache (uncache), which is the
     * only time anyone else may read them. */

    /**
     * The span an mcache holds for one span class, and the fields of it that allocation moves.
     * Go: the mspan fields {@code freeindex}, {@code allocCache}, {@code allocCount}, and the
     * immutable ones nextFreeFast reads.
     */
    static final class Alloc {
        long s;            // the span structure; 0: none (Go: emptymspan)
        long base;         // immutable while cached: span.startAddr
        long elemsize;     // immutable while cached
        long nelems;       // immutable while cached
        boolean needzero;  // immutable while cached: free slots may hold old bytes
        long freeindex;    // slots below are not free; the span's own field is stale while cached
        long allocCache;   // bit i set: slot freeindex + i is free (Go: ~allocBits, shifted)
        long allocCount;   // slots allocated; the span's own field is stale while cached

        /** Go: nextFreeFast. A free slot's address from allocCache, or 0 to take the slow path. */
        long nextFreeFast() {
            int bit = Long.numberOfTrailingZeros(allocCache);
            if (bit < 64) {
                long result = freeindex + bit;
                if (result < nelems) {
                    long freeidx = result + 1;
                    if ((freeidx & 63) == 0 && freeidx != nelems) {
                        return 0; // the window is used up: nextFreeIndex refills it
                    }
                    allocCache = bit == 63 ? 0 : allocCache >>> (bit + 1);
                    freeindex = freeidx;
                    allocCount++;
                    return base + result * elemsize;
                }
            }
            return 0;
        }

        /**
         * Go: mspan.nextFreeIndex. The first free slot at or after freeindex (nelems if none),
         * with freeindex moved past it and allocCache refilled from the span's alloc bits
         * (view {@code v}, pointed at the span) as it crosses 64-slot words.
         */
        long nextFreeIndex(MSpan v) {
            long i = freeindex;
            if (i == nelems) {
                return i;
            }
            int bit = Long.numberOfTrailingZeros(allocCache);
            while (bit == 64) {
                i = (i + 64) & ~63L;
                if (i >= nelems) {
                    freeindex = nelems;
                    return nelems;
                }
                allocCache = ~v.allocBits(i >>> 6);
                bit = Long.numberOfTrailingZeros(allocCache);
            }
            long result = i + bit;
            if (result >= nelems) {
                freeindex = nelems;
                return nelems;
            }
            allocCache = bit == 63 ? 0 : allocCache >>> (bit + 1);
            freeindex = result + 1;
            if ((freeindex & 63) == 0 && freeindex != nelems) {
                allocCache = ~v.allocBits(freeindex >>> 6);
            }
            return result;
        }

        /** Takes over span s (view v at it): its fields, and allocCache from freeindex on. */
        void cache(long s, MSpan v) {
            this.s = s;
            base = v.base0();
            elemsize = v.elemsize();
            nelems = v.nelems();
            needzero = v.needzero();
            freeindex = v.freeindex();
            allocCount = v.allocCount();
            allocCache = freeindex >= nelems ? 0 : ~v.allocBits(freeindex >>> 6) >>> (freeindex & 63);
        }

        /** Writes freeindex and allocCount back to the span (view v at it) and lets it go. */
        void uncache(MSpan v) {
            v.setFreeindex(freeindex);
            v.setAllocCount(allocCount);
            s = 0; // empty again, every field 0: the fast path fails, nextFree refills
            base = 0;
            elemsize = 0;
            nelems = 0;
            needzero = false;
            freeindex = 0;
            allocCache = 0;
            allocCount = 0;
        }
    }

    private final Heap heap;
    final Alloc[] alloc = new Alloc[SizeClasses.NUM_SPAN_CLASSES]; // by span class
    final HeapStats.Delta stats;         // this P's share of the heap's counters
    final MSpan span;                    // a view for mallocgc
    final MSpan other;                   // a view for refill's callees
    final MSpan mark;                    // a view for marking on this P (findObject, scanobject)
    boolean mallocing;                   // Go: m.mallocing (gort keeps it with the P's cache)
    long markedBytes;                    // allocated black this cycle, not yet in work's count

    MCache(Heap heap) {
        this.heap = heap;
        this.stats = heap.stats.newDelta();
        this.span = new MSpan(heap.mem.space);
        this.other = new MSpan(heap.mem.space);
        this.mark = new MSpan(heap.mem.space);
        for (int spc = 0; spc < alloc.length; spc++) {
            alloc[spc] = new Alloc();
        }
    }

    // tag::nextFree[]
    /**
     * Go: mcache.nextFree. A free slot of class spc when nextFreeFast found
     * none: the next one in the cached span, else one of a span refill brings.
     */
    long nextFree(int spc) {
        Alloc a = alloc[spc];
        long idx = a.s == 0 ? 0 : a.nextFreeIndex(span.at(a.s));
        if (idx == a.nelems) { // full, or no span yet (nelems 0)
            if (a.allocCount != a.nelems) {
                throw Panic.throw_(
                        "s.allocCount != s.nelems && freeIndex == s.nelems");
            }
            refill(spc);
            idx = a.nextFreeIndex(span.at(a.s));
        }
        if (idx >= a.nelems) {
            throw Panic.throw_("freeIndex is not valid");
        }
        a.allocCount++;
        return a.base + idx * a.elemsize;
    }
    // end::nextFree[]

    /** Go: mcache.refill. Hands the full span back and caches one with a free slot. */
    private void refill(int spc) {
        Alloc a = alloc[spc];
        MCentral central = heap.central(spc);
        if (a.s != 0) {
            long s = a.s;
            if (other.at(s).sweepgen() != heap.sweepgen() + 3) {
                throw Panic.throw_("bad sweepgen in refill");
            }
            a.uncache(other);
            central.uncacheSpan(s, other);
        }
        long s = central.cacheSpan(other);
        other.at(s);
        if (other.allocCount() == other.nelems()) {
            throw Panic.throw_("span has no free space");
        }
        other.setSweepgen(heap.sweepgen() + 3);
        heap.addLive((other.nelems() - other.allocCount()) * other.elemsize());
        a.cache(s, other);
    }

    /**
     * Go: mcache.releaseAll. Returns every cached span to its mcentral, and adds the bytes
     * allocated black to the cycle's marked bytes (at stop-the-world).
     */
    void releaseAll() {
        heap.work.markedBytes(markedBytes);
        markedBytes = 0;
        for (int spc = 0; spc < alloc.length; spc++) {
            Alloc a = alloc[spc];
            if (a.s != 0) {
                long s = a.s;
                heap.stats.addLive(-(a.nelems - a.allocCount) * a.elemsize);
                a.uncache(other.at(s));
                heap.central(spc).uncacheSpan(s, other);
            }
        }
    }
}
