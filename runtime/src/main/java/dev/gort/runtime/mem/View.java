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
 * <p>In checked mode, {@link #mem} checks that the field's page is Ready before each access (one
 * array load, the region being cached from {@link #point}); unchecked, it is the whole address
 * space at offset {@code addr}, so a stray access is a real SIGSEGV. A view is used by one thread.
 */
public abstract class View {
    protected final AddressSpace space;  // immutable
    private long addr;                   // the structure's address
    private Region region;               // checked mode: the region holding addr (null: none)
    private long off;                    // offset of addr in what mem() returns

    protected View(AddressSpace space) {
        this.space = space;
    }

    /** Points this view at the structure at {@code addr}. */
    protected final void point(long addr) {
        this.addr = addr;
        if (!space.checked) {
            off = addr;
            return;
        }
        Region r = region;
        if (r == null || !r.contains(addr)) {
            r = space.region(addr);
            region = r;
        }
        off = r == null ? 0 : addr - r.base;
    }

    /** The structure's address. */
    public final long addr() {
        return addr;
    }

    // tag::view-mem[]
    /** The segment holding the field at offset {@code field}, at base(). */
    protected final MemorySegment mem(long field) {
        if (!space.checked) {
            return AddressSpace.EVERYTHING;
        }
        Region r = region;
        if (r == null || !r.ready(off + field)) {
            throw space.fault(addr + field);
        }
        return r.mem;
    }
    // end::view-mem[]

    /** Where the structure starts in the segment {@link #mem} returns. */
    protected final long base() {
        return off;
    }
}
