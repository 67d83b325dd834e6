package dev.gort.runtime.gc;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.gort.runtime.mem.AddressSpace;
import dev.gort.runtime.mem.View;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * A view of one span: a run of heap pages holding objects of one span class (or one large
 * object). The span structure itself lives in unmanaged memory, allocated by the heap's
 * {@code spanalloc} fixalloc, and is never freed to the OS (type-stable, as in Go).
 *
 * <p>Go: mheap.go {@code type mspan}, {@code mSpanState}; mbitmap.go {@code markBits},
 * {@code isFree}; mgcsweep.go the {@code sweepgen} protocol.
 *
 * <p>Fields and who writes them:
 * <ul>
 * <li>{@code startAddr}, {@code npages}, {@code nelems}, {@code elemsize}, {@code spanclass}:
 *     set by mheap.allocSpan before the span is published, then immutable until it is freed;</li>
 * <li>{@code freeindex}, {@code allocCount}, {@code allocBits}: the owner — the P whose mcache
 *     holds it, or the sweeper that claimed it by sweepgen;</li>
 * <li>{@code gcmarkBits}: any marker, by atomic OR; cleared by the sweeper;</li>
 * <li>{@code sweepgen} (atomic, relative to the heap's sweepgen {@code sg}): {@code sg-2} needs
 *     sweeping, {@code sg-1} being swept, {@code sg} swept, {@code sg+1} cached before sweeping
 *     began (needs sweeping), {@code sg+3} swept and then cached;</li>
 * <li>{@code needzero}: 1 when free slots may hold old bytes (set when the span is carved from
 *     pages that were used before, and when sweeping frees an object); 0 when every free slot is
 *     known to be zero, so mallocgc need not clear it again.</li>
 * </ul>
 * Alloc and mark bits are kept inline (1024 bits each: the most objects a span holds) where Go
 * takes them from gcBits arenas; sweeping copies the mark bits over the alloc bits instead of
 * swapping pointers. A view is used by one thread.
 */
public final class MSpan extends View {
    // Go's mSpanState values.
    public static final long mSpanDead = 0;   // not in use: on no list, its pages free
    public static final long mSpanInUse = 1;  // allocated for the garbage-collected heap
    public static final long mSpanManual = 2; // allocated for manual management (stacks)

    public static final int MAX_NELEMS = 1024; // 8 KB of 8-byte objects
    static final int BITS_WORDS = MAX_NELEMS / 64;

    // tag::mspan-layout[]
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_LONG.withName("next"),       // link in an mcentral list; 0 ends it
            JAVA_LONG.withName("startAddr"),  // address of the first byte
            JAVA_LONG.withName("npages"),     // pages in the span
            JAVA_LONG.withName("nelems"),     // object slots
            JAVA_LONG.withName("elemsize"),   // bytes per slot
            JAVA_LONG.withName("spanclass"),  // size class << 1 | noscan
            JAVA_LONG.withName("freeindex"),  // slots below are not free
            JAVA_LONG.withName("allocCount"), // slots allocated
            JAVA_LONG.withName("sweepgen"),   // see the class comment
            JAVA_LONG.withName("state"),      // mSpanDead, mSpanInUse, mSpanManual
            JAVA_LONG.withName("needzero"),   // free slots may hold old bytes
            MemoryLayout.sequenceLayout(BITS_WORDS, JAVA_LONG)
                    .withName("allocBits"),
            MemoryLayout.sequenceLayout(BITS_WORDS, JAVA_LONG)
                    .withName("gcmarkBits"));
    // end::mspan-layout[]

    static final long NEXT = off("next");
    static final long START_ADDR = off("startAddr");
    static final long NPAGES = off("npages");
    static final long NELEMS = off("nelems");
    static final long ELEMSIZE = off("elemsize");
    static final long SPANCLASS = off("spanclass");
    static final long FREEINDEX = off("freeindex");
    static final long ALLOC_COUNT = off("allocCount");
    static final long SWEEPGEN = off("sweepgen");
    static final long STATE = off("state");
    static final long NEEDZERO = off("needzero");
    static final long ALLOC_BITS = off("allocBits");
    static final long GCMARK_BITS = off("gcmarkBits");

    private static final VarHandle LONG = JAVA_LONG.varHandle();

    private static long off(String name) {
        return LAYOUT.byteOffset(groupElement(name));
    }

    public MSpan(AddressSpace space) {
        super(space);
    }

    /** Points this view at the span structure at s. */
    public MSpan at(long s) {
        point(s);
        return this;
    }

    long get(long field) {
        return (long) LONG.get(mem(field), base() + field);
    }

    void set(long field, long v) {
        LONG.set(mem(field), base() + field, v);
    }

    long load(long field) {
        return (long) LONG.getVolatile(mem(field), base() + field);
    }

    void store(long field, long v) {
        LONG.setVolatile(mem(field), base() + field, v);
    }

    boolean cas(long field, long old, long v) {
        return LONG.compareAndSet(mem(field), base() + field, old, v);
    }

    // ---- the fields ----

    public long next() { return get(NEXT); }
    public void setNext(long s) { set(NEXT, s); }
    public long base0() { return get(START_ADDR); }
    public long npages() { return get(NPAGES); }
    public long nelems() { return get(NELEMS); }
    public long elemsize() { return get(ELEMSIZE); }
    public int spanclass() { return (int) get(SPANCLASS); }
    public long freeindex() { return get(FREEINDEX); }
    public void setFreeindex(long i) { set(FREEINDEX, i); }
    public long allocCount() { return get(ALLOC_COUNT); }
    public void setAllocCount(long n) { set(ALLOC_COUNT, n); }
    public long sweepgen() { return load(SWEEPGEN); }
    public void setSweepgen(long g) { store(SWEEPGEN, g); }
    public boolean casSweepgen(long old, long g) { return cas(SWEEPGEN, old, g); }
    public long state() { return load(STATE); }
    public void setState(long s) { store(STATE, s); }
    public boolean needzero() { return get(NEEDZERO) != 0; }
    public void setNeedzero(boolean z) { set(NEEDZERO, z ? 1 : 0); }

    /** Go: mspan.limit. The end of the last slot. */
    public long limit() {
        return base0() + nelems() * elemsize();
    }

    /** Whether the span's objects hold no pointers (its span class's noscan bit). */
    public boolean noscan() {
        return SizeClasses.noscan(spanclass());
    }

    /** Go: mspan.init plus the class-dependent part of mheap.initSpan. */
    void init(long base, long npages, int spanclass, long elemsize, long nelems) {
        set(NEXT, 0);
        set(START_ADDR, base);
        set(NPAGES, npages);
        set(SPANCLASS, spanclass);
        set(ELEMSIZE, elemsize);
        set(NELEMS, nelems);
        set(FREEINDEX, 0);
        set(ALLOC_COUNT, 0);
        set(NEEDZERO, 0);
        for (int i = 0; i < BITS_WORDS; i++) {
            set(ALLOC_BITS + i * 8L, 0);
            set(GCMARK_BITS + i * 8L, 0);
        }
    }

    // ---- alloc and mark bits ----

    /** Go: mspan.objIndex. The slot holding p. */
    public long objIndex(long p) {
        return (p - base0()) / elemsize();
    }

    /** Go: mspan.isFree. Whether slot i is free (at or past freeindex with no alloc bit). */
    public boolean isFree(long i) {
        return i >= freeindex() && !allocBit(i);
    }

    /** The alloc bit of slot i: live at the last sweep (later allocations are below freeindex). */
    public boolean allocBit(long i) {
        return (get(ALLOC_BITS + (i >>> 6) * 8) & (1L << i)) != 0;
    }

    /** Word w of the alloc bits: slots 64w to 64w+63, bit i for slot 64w+i. */
    long allocBits(long w) {
        return get(ALLOC_BITS + w * 8);
    }

    /** Go: markBits.isMarked. */
    public boolean isMarked(long i) {
        return (load(GCMARK_BITS + (i >>> 6) * 8) & (1L << i)) != 0;
    }

    /**
     * Go: markBits.setMarked (atomic Or8). Sets slot i's mark bit; returns whether this call set it
     * (false: it was already marked, so the object is already grey or black).
     */
    public boolean setMarked(long i) {
        long f = GCMARK_BITS + (i >>> 6) * 8;
        long bit = 1L << i;
        long old = (long) LONG.getAndBitwiseOr(mem(f), base() + f, bit);
        return (old & bit) == 0;
    }

    /** Go: markBits.clearMarked, for checkmark's re-marking. */
    void clearMarks() {
        for (int i = 0; i < BITS_WORDS; i++) {
            store(GCMARK_BITS + i * 8L, 0);
        }
    }

    /** Go: sweep's {@code s.allocBits = s.gcmarkBits; s.gcmarkBits = newMarkBits()}. */
    public void marksBecomeAllocs() {
        for (int i = 0; i < BITS_WORDS; i++) {
            set(ALLOC_BITS + i * 8L, load(GCMARK_BITS + i * 8L));
            store(GCMARK_BITS + i * 8L, 0);
        }
    }

    /** Go: mspan.countAlloc. Slots marked. */
    public long countMarked() {
        long n = 0;
        for (int i = 0; i < BITS_WORDS; i++) {
            n += Long.bitCount(load(GCMARK_BITS + i * 8L));
        }
        return n;
    }

    /**
     * Go: mspan.nextFreeIndex. The first free slot at or after freeindex (nelems if none); does
     * not move freeindex.
     */
    long nextFreeIndex() {
        long n = nelems();
        for (long i = freeindex(); i < n; i++) {
            if ((i & 63) == 0) {
                long w = get(ALLOC_BITS + (i >>> 6) * 8);
                if (w == -1L) {
                    i += 63; // a full word: skip it
                    continue;
                }
            }
            if (!allocBit(i)) {
                return i;
            }
        }
        return n;
    }
}
