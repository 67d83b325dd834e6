package dev.gort.runtime.mem;

import java.lang.foreign.MemorySegment;

/**
 * A flyweight over one structure in unmanaged memory: a subclass declares the structure's
 * {@link java.lang.foreign.MemoryLayout} and reads and writes its fields through the layout's var
 * handles; the view itself is re-pointed with {@link #point} and holds no state of the structure.
 *
 * <p>Go: a {@code *T} where T embeds {@code sys.NotInHeap} (HACKING.md, "Unmanaged memory"): the
 * structure's bytes are not in the Java heap, hold no Java reference, and outlive any view of them.
 *
 * <p>Every access goes through the one segment that spans the whole process
 * ({@code AddressSpace.EVERYTHING}), a constant the JIT folds, at {@link #base()}: the address
 * where the structure's bytes are in this process. In checked mode, {@link #mem} first checks that
 * the field's pages are Ready (two array loads, the region being cached from {@link #point});
 * unchecked, it checks nothing, so a stray access is a real SIGSEGV. A view is used by one thread.
 */
public abstract class View {
    protected final AddressSpace space;  // immutable
    private long addr;                   // the structure's address
    private Region region;               // checked mode: the region holding addr (null: none)
    private long real;                   // where addr's bytes are in this process

    protected View(AddressSpace space) {
        this.space = space;
    }

    /** Points this view at the structure at {@code addr}. */
    protected final void point(long addr) {
        this.addr = addr;
        if (!space.checked) {
            real = addr;
            return;
        }
        Region r = region;
        if (r == null || !r.contains(addr)) {
            r = space.region(addr);
            region = r;
        }
        real = r == null ? 0 : r.real + (addr - r.base);
    }

    /** The structure's address. */
    public final long addr() {
        return addr;
    }

    // tag::view-mem[]
    /**
     * Where to access the field of {@code size} bytes at offset
     * {@code field}: at base() + field in the whole process, once
     * checked mode has found the field's pages Ready.
     */
    protected final MemorySegment mem(long field, long size) {
        if (space.checked) {
            Region r = region;
            if (r == null || !r.ready(addr - r.base + field, size)) {
                throw space.fault(addr + field);
            }
        }
        return AddressSpace.EVERYTHING;
    }
    // end::view-mem[]

    /** {@link #mem(long, long)} for the field's first byte: its page must be Ready. */
    protected final MemorySegment mem(long field) {
        return mem(field, 1);
    }

    /** Where the structure starts in the segment {@link #mem} returns. */
    protected final long base() {
        return real;
    }
}
