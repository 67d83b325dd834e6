package dev.gort.runtime.mem;

import dev.gort.runtime.os.Os;
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
 * In checked mode, {@link #mem} then checks that the field lies in the run of Ready pages the view
 * last found, {@code [lo, lo+span)}, and that no page of the address space has left the Ready
 * state since ({@link AddressSpace#unreadied}); only when either check fails does it look at the
 * region table again (another run, or a fault). Unchecked, it checks nothing, so a stray access is
 * a real SIGSEGV. A view is used by one thread.
 */
public abstract class View {
    /** How far find looks on each side of a field's page for more Ready pages. */
    private static final long RUN_PAGES = 16;

    protected final AddressSpace space;  // immutable
    private final boolean checked;       // immutable: space.checked, kept here for the fast path
    private long addr;                   // the structure's address
    private long real;                   // addr + shift: where addr's bytes are in this process
    private long shift;                  // where the run's bytes are, minus its address (0 unchecked)
    // checked mode: every page of [lo, lo+span) is Ready in one region, as of unreadied == gen
    private long lo;
    private long span;                   // a multiple of the page size, 0 before the first find
    private long gen = -1;               // space.unreadied when the run was found (-1: never)

    protected View(AddressSpace space) {
        this.space = space;
        this.checked = space.checked;
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
     * Where to access the field of {@code size} bytes (1 to a page) at
     * offset {@code field}: at base() + field in the whole process, once
     * checked mode has found the field's pages Ready.
     */
    protected final MemorySegment mem(long field, long size) {
        if (checked && (Long.compareUnsigned(addr + field - lo, span - size) > 0
                || gen != space.unreadied)) {
            find(field, size); // another run of Ready pages, or a fault
        }
        return AddressSpace.EVERYTHING;
    }
    // end::view-mem[]

    /** {@link #mem(long, long)} for the field's first byte: its page must be Ready. */
    protected final MemorySegment mem(long field) {
        return mem(field, 1);
    }

    /**
     * Checked mode, off the fast path: finds the run of Ready pages around the field (at most
     * RUN_PAGES on each side, within its region), or dies with Go's fault for the field.
     */
    private void find(long field, long size) {
        long now = space.unreadied; // read first: a page leaving Ready from here on is seen next time
        Region r = space.readyRegion(addr + field, size); // or Go's fault at the first bad page
        long page = (addr + field - r.base) & -Os.PAGE_SIZE;
        long from = page;
        while (page - from < RUN_PAGES * Os.PAGE_SIZE && r.ready(from - Os.PAGE_SIZE)) {
            from -= Os.PAGE_SIZE;
        }
        long to = page + Os.PAGE_SIZE;
        while (to - page < RUN_PAGES * Os.PAGE_SIZE && r.ready(to)) {
            to += Os.PAGE_SIZE;
        }
        lo = r.base + from;
        span = to - from;
        gen = now;
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
