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
 * where the structure's bytes are in this process (the address itself, except on the simulated
 * OS, which keeps the bytes elsewhere: {@code shift} says how far). Re-pointing costs one add.
 * In checked mode, {@link #mem} then checks that the field's pages are Ready in the region the
 * view last found, and looks the region up again only when that check fails (another region, or
 * a fault); unchecked, it checks nothing, so a stray access is a real SIGSEGV. A view is used by
 * one thread.
 */
public abstract class View {
    protected final AddressSpace space;  // immutable
    private long addr;                   // the structure's address
    private Region region;               // checked mode: the region last found (null: none yet)
    private long shift;                  // where region's bytes are, minus its address (0 unchecked)
    private long real;                   // addr + shift: where addr's bytes are in this process

    protected View(AddressSpace space) {
        this.space = space;
    }

    /** Points this view at the structure at {@code addr}. */
    protected final void point(long addr) {
        this.addr = addr;
        this.real = addr + shift;
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
                find(field, size); // another region, or a fault
            }
        }
        return AddressSpace.EVERYTHING;
    }
    // end::view-mem[]

    /** {@link #mem(long, long)} for the field's first byte: its page must be Ready. */
    protected final MemorySegment mem(long field) {
        return mem(field, 1);
    }

    /** Checked mode, off the fast path: the region holding addr, or Go's fault for the field. */
    private void find(long field, long size) {
        Region r = space.region(addr);
        if (r == null || !r.ready(addr - r.base + field, size)) {
            throw space.fault(addr + field);
        }
        region = r;
        shift = r.real - r.base;
        real = addr + shift;
    }

    /**
     * Where the structure starts in the segment {@link #mem} returns; read it after {@code mem}
     * (as {@code X.get(mem(f, n), base() + f)} does, arguments being evaluated left to right),
     * since mem may have found the structure in another region.
     */
    protected final long base() {
        return real;
    }
}
