package dev.gort.runtime.gc;

import dev.gort.runtime.mem.AddressSpace;

/**
 * One heap arena: a 4 MB stretch of heap address space and its metadata — which span owns each
 * page, which pages are allocated, how far the arena has ever been used, and one pointer bit per
 * heap word.
 *
 * <p>Go: mheap.go {@code type heapArena} ({@code spans}, {@code zeroedBase}), mpallocbits.go
 * {@code pallocBits} (Go keeps them per 4 MB chunk in the page allocator, which is one arena here),
 * and the per-arena heap bitmap of Go 1.20 ({@code heapArena.bitmap}, one bit per word here).
 *
 * <p>The metadata is a block of unmanaged memory from sysAlloc (counted in gcMiscSys), laid out
 * as {@code spans[512]}, {@code pallocBits[8]}, {@code zeroedBase}, then the bitmap (64 KB).
 * Written under the heap lock, except the bitmap (by the P that owns the span, at allocation) and
 * {@code spans} entries of in-use spans (read by anyone: set before the span is published).
 */
final class HeapArena {
    static final long HEAP_ARENA_BYTES = 4L << 20;                        // gort; Go: 64 MB
    static final long PAGES_PER_ARENA = HEAP_ARENA_BYTES / SizeClasses.PAGE_SIZE; // 512
    private static final long SPANS = 0;
    private static final long PALLOC = SPANS + PAGES_PER_ARENA * 8;
    private static final long ZEROED_BASE = PALLOC + PAGES_PER_ARENA / 8;
    private static final long BITMAP = ZEROED_BASE + 8;
    static final long META_BYTES = BITMAP + HEAP_ARENA_BYTES / Type.PTR_SIZE / 8;

    final long base;          // immutable: the arena's first byte
    final long meta;          // immutable: the metadata block
    private final AddressSpace space;

    HeapArena(AddressSpace space, long base, long meta) {
        this.space = space;
        this.base = base;
        this.meta = meta;
    }

    boolean contains(long p) {
        return p >= base && p - base < HEAP_ARENA_BYTES;
    }

    private long page(long p) {
        return (p - base) >>> SizeClasses.PAGE_SHIFT;
    }

    /** Go: spanOf within the arena. The span owning the page of p, or 0. */
    long spanOf(long p) {
        return space.getLong(meta + SPANS + page(p) * 8);
    }

    /** Go: mheap.setSpans. Records s as the owner of npages pages from p (0: none). */
    void setSpans(long p, long npages, long s) {
        long first = page(p);
        for (long i = first; i < first + npages; i++) {
            space.putLong(meta + SPANS + i * 8, s);
        }
    }

    // ---- pallocBits: one bit per page, set when allocated ----

    private void setPages(long first, long n, boolean inUse) {
        for (long i = first; i < first + n; i++) {
            long a = meta + PALLOC + (i >>> 6) * 8;
            long w = space.getLong(a);
            space.putLong(a, inUse ? w | (1L << i) : w & ~(1L << i));
        }
    }

    /**
     * Go: pallocBits.find + allocRange. Takes the first run of npages free pages, returning its
     * address, or 0 when the arena has no such run. Reads the bits a word (64 pages) at a time.
     */
    long alloc(long npages) {
        long run = 0;
        for (long w = 0; w < PAGES_PER_ARENA / 64; w++) {
            long bits = space.getLong(meta + PALLOC + w * 8);
            if (bits == -1L) {
                run = 0; // a full word
                continue;
            }
            if (bits == 0 && run + 64 < npages) {
                run += 64; // a free word that does not finish the run
                continue;
            }
            for (int b = 0; b < 64; b++) {
                run = (bits & (1L << b)) != 0 ? 0 : run + 1;
                if (run == npages) {
                    long first = w * 64 + b - npages + 1;
                    setPages(first, npages, true);
                    return base + (first << SizeClasses.PAGE_SHIFT);
                }
            }
        }
        return 0;
    }

    /** Go: pageAlloc.free. */
    void free(long p, long npages) {
        setPages(page(p), npages, false);
    }

    /** Pages allocated now. */
    long pagesInUse() {
        long n = 0;
        for (long i = 0; i < PAGES_PER_ARENA / 64; i++) {
            n += Long.bitCount(space.getLong(meta + PALLOC + i * 8));
        }
        return n;
    }

    // tag::allocNeedsZero[]
    /**
     * Go: mheap.allocNeedsZero. Whether [p, p+n) may hold old bytes: everything
     * below zeroedBase has been handed out before; everything above is as the OS
     * gave it, zero. Moves zeroedBase past the range.
     */
    boolean allocNeedsZero(long p, long n) {
        long zeroedBase = space.getLong(meta + ZEROED_BASE);
        long off = p - base;
        if (off + n > zeroedBase) {
            space.putLong(meta + ZEROED_BASE, off + n);
        }
        return off < zeroedBase;
    }
    // end::allocNeedsZero[]

    /** Whether the page of p lies below zeroedBase: it was handed out before. */
    boolean usedBefore(long p) {
        return (p - base) < space.getLong(meta + ZEROED_BASE);
    }

    // ---- the heap bitmap: one bit per word, set for pointer words ----

    /** Whether the heap word at p holds a pointer, by the bits set at allocation. */
    boolean isPointer(long p) {
        long w = (p - base) >>> 3;
        return (space.getLong(meta + BITMAP + (w >>> 6) * 8) & (1L << w)) != 0;
    }

    /** Sets the bit of the heap word at p to ptr. Only the span's owner writes its words' bits. */
    void setPointer(long p, boolean ptr) {
        long w = (p - base) >>> 3;
        long a = meta + BITMAP + (w >>> 6) * 8;
        long old = space.getLong(a);
        space.putLong(a, ptr ? old | (1L << w) : old & ~(1L << w));
    }
}
