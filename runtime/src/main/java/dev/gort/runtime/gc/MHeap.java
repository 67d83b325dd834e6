package dev.gort.runtime.gc;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.Panic;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.part.FixAllocPart;
import java.util.Arrays;

/**
 * The page heap: the arenas, the page allocator over them, and the span structures.
 *
 * <p>Go: mheap.go {@code mheap}, {@code alloc}, {@code allocSpan}, {@code initSpan},
 * {@code freeSpan}, {@code grow}, {@code sysAlloc} (arena part), {@code spanOf}.
 *
 * <p>An arena's address space is reserved with sysReserve and made usable with sysMap and
 * sysUsed when the heap grows into it (one arena at a time, whole; Go maps as it grows). Span
 * structures come from {@code spanalloc}, a fixalloc whose {@code zero} is off so that a reused
 * structure keeps its {@code sweepgen}, as in Go. {@link #spanOf} takes no lock: the arena table is
 * replaced as a whole, and a span's pages point at it from before it is published until it is
 * freed. Everything else is under {@code lock}, which is a leaf: nothing else is locked inside.
 */
final class MHeap {
    private final Memory mem;
    final Mutex lock = new Mutex();           // Go: mheap.lock
    private final MSpan span;                 // a view, used under lock
    private final FixAllocPart spanalloc;     // span structures; guarded by lock
    private volatile HeapArena[] arenas = {}; // sorted by base; replaced under lock
    private HeapArena last;                   // spanOf's racy hint

    // guarded by lock:
    long pagesInUse;                          // Go: mheap.pagesInUse
    long spansInUse;

    MHeap(Memory mem) {
        this.mem = mem;
        this.span = new MSpan(mem.space);
        this.spanalloc = mem.newFixAlloc();
        spanalloc.init(MSpan.LAYOUT.byteSize(), null, null, mem.mspanSys);
        spanalloc.setZero(false);
    }

    // tag::allocSpan[]
    /**
     * Go: mheap.alloc / allocSpan / initSpan. A span of npages for spanclass (class
     * 0: one large object of npages pages), with needzero set when its pages were
     * used before. Returns the span structure's address with its state still
     * mSpanDead: the caller publishes it.
     */
    long allocSpan(long npages, int spanclass, long sweepgen) {
        lock(lock);
        long base = 0;
        for (HeapArena a : arenas) {
            base = a.alloc(npages);
            if (base != 0) {
                break;
            }
        }
        if (base == 0) {
            base = grow(npages);
        }
        HeapArena arena = arenaOf(base);
        long s = spanalloc.alloc();
        long nbytes = npages << SizeClasses.PAGE_SHIFT;
        boolean needzero = arena.allocNeedsZero(base, nbytes);
        pagesInUse += npages;
        spansInUse++;
        unlock(lock);

        int sizeclass = SizeClasses.sizeclass(spanclass);
        long elemsize = sizeclass == 0 ? nbytes
                : SizeClasses.classToSize(sizeclass);
        MSpan sp = new MSpan(mem.space).at(s);
        sp.init(base, npages, spanclass, elemsize, nbytes / elemsize);
        sp.setNeedzero(needzero);
        sp.setSweepgen(sweepgen);
        arena.setSpans(base, npages, s);
        return s;
    }
    // end::allocSpan[]

    /** Go: mheap.freeSpan. Returns s's pages to the page allocator and s to spanalloc. */
    void freeSpan(long s) {
        lock(lock);
        span.at(s);
        long base = span.base0();
        long npages = span.npages();
        if (span.state() != MSpan.mSpanInUse) {
            Panic.print("runtime: mheap.freeSpan: span 0x" + Long.toHexString(s) + " state="
                    + span.state() + "\n");
            throw Panic.throw_("mheap.freeSpanLocked - invalid free");
        }
        span.setState(MSpan.mSpanDead);
        // As in Go, the pages keep pointing at the dead span: a stale pointer to them finds a
        // span that is not in use, which findObject reports as a bad pointer.
        arenaOf(base).free(base, npages);
        pagesInUse -= npages;
        spansInUse--;
        spanalloc.free(s);
        unlock(lock);
    }

    /**
     * Go: mheap.grow and mheap.sysAlloc. Reserves a new arena, maps all of it (sysMap, sysUsed:
     * Go maps as the heap grows into it), and takes npages from it. Must hold lock.
     */
    private long grow(long npages) {
        long bytes = HeapArena.HEAP_ARENA_BYTES;
        long v = mem.sysmem.sysReserve(0, bytes);
        long meta = v == 0 ? 0 : mem.sysmem.sysAlloc(HeapArena.META_BYTES, mem.gcMiscSys);
        if (meta == 0) {
            throw outOfMemory(npages);
        }
        mem.sysmem.sysMap(v, bytes, mem.heapSys);
        mem.sysmem.sysUsed(v, bytes, bytes);
        HeapArena a = new HeapArena(mem.space, v, meta);
        HeapArena[] next = Arrays.copyOf(arenas, arenas.length + 1);
        next[arenas.length] = a;
        Arrays.sort(next, (x, y) -> Long.compare(x.base, y.base));
        arenas = next;
        long base = a.alloc(npages);
        if (base == 0) {
            throw Panic.throw_("grew heap, but no adequate free space found");
        }
        return base;
    }

    private static RuntimeException outOfMemory(long npages) {
        Panic.print("runtime: out of memory: cannot allocate " + (npages << SizeClasses.PAGE_SHIFT)
                + "-byte block\n");
        return Panic.throw_("out of memory");
    }

    /** The arena holding p, or null: p is not in the heap. Takes no lock. */
    HeapArena arenaOf(long p) {
        HeapArena hint = last;
        if (hint != null && hint.contains(p)) {
            return hint;
        }
        HeapArena[] as = arenas;
        int lo = 0;
        int hi = as.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            HeapArena a = as[mid];
            if (p < a.base) {
                hi = mid - 1;
            } else if (!a.contains(p)) {
                lo = mid + 1;
            } else {
                last = a;
                return a;
            }
        }
        return null;
    }

    /** Go: spanOf. The span owning the page of p (whatever its state), or 0. */
    long spanOf(long p) {
        HeapArena a = arenaOf(p);
        return a == null ? 0 : a.spanOf(p);
    }

    /** The arenas now, by address (a snapshot). */
    HeapArena[] arenas() {
        return arenas;
    }
}
