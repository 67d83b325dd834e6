package dev.gort.runtime.mem;

import dev.gort.runtime.Panic;
import dev.gort.runtime.os.Os;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

/**
 * A runtime's view of its address space: the table of {@link Region}s it holds, and access to
 * their bytes, checked or not.
 *
 * <p>Go: the runtime reads and writes unmanaged memory through {@code unsafe.Pointer}, and a wrong
 * access is a SIGSEGV that {@code sigpanic} reports as {@code unexpected fault address 0x...} and
 * {@code fatal error: fault}. gort does the same in two modes:
 * <ul>
 * <li><b>checked</b> (always on the simulated OS, and the default): every access looks up the page's
 *     state; touching a page that is not Ready, or an address in no region, dies with Go's report
 *     (the fault address, {@code fatal error: fault}, the signal line, the goroutine's frames);</li>
 * <li><b>unchecked</b> (the real OS, by choice): an access is a plain load or store at the address,
 *     so a stray one is a real SIGSEGV that kills the JVM, as it kills a Go process.</li>
 * </ul>
 *
 * <p>Invariants: regions never overlap; the table is a sorted array replaced as a whole (copy on
 * write) under this object's monitor, so lookups take no lock. No scheduling point is made while
 * the monitor is held (on the simulated OS every M runs on one host thread, so a monitor would not
 * exclude them from each other).
 */
public final class AddressSpace {
    /** Every address, for unchecked access: an access at address a is at offset a. */
    static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    final Os os;                                 // immutable
    public final boolean checked;                // immutable: whether accesses are checked
    private volatile Region[] regions = new Region[0]; // sorted by base; replaced under this
    private Region last;                         // the last region found: a racy hint, checked
    /**
     * How many times pages of this space have left the Ready state (or a region was removed): a
     * {@link View} trusts the run of Ready pages it found only while this is unchanged. Bumped
     * atomically; read plainly (a racy hint like the page states, exact on the simulated OS).
     */
    long unreadied;

    private static final VarHandle UNREADIED;
    static {
        try {
            UNREADIED = MethodHandles.lookup().findVarHandle(AddressSpace.class, "unreadied", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public AddressSpace(Os os, boolean checked) {
        this.os = os;
        this.checked = checked;
    }

    /** Records a region the OS mapped at [base, base+size), every page in state s. */
    public Region add(long base, long size, RegionState s) {
        Region r = new Region(this, base, size, s);
        synchronized (this) {
            Region[] old = regions;
            Region[] next = Arrays.copyOf(old, old.length + 1);
            int i = old.length;
            while (i > 0 && next[i - 1].base > base) {
                next[i] = next[i - 1];
                i--;
            }
            next[i] = r;
            regions = next;
        }
        return r;
    }

    /** Forgets a region (its pages went back to the OS). */
    public void remove(Region r) {
        r.live = false;
        unready();
        synchronized (this) {
            regions = Arrays.stream(regions).filter(x -> x != r).toArray(Region[]::new);
        }
    }

    /** Some pages left the Ready state: every view looks its pages up again before trusting them. */
    void unready() {
        UNREADIED.getAndAdd(this, 1L);
    }

    /** The region holding addr, or null. */
    public Region region(long addr) {
        Region hint = last;
        if (hint != null && hint.live && hint.contains(addr)) {
            return hint;
        }
        Region[] rs = regions;
        int lo = 0;
        int hi = rs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Region r = rs[mid];
            if (addr < r.base) {
                hi = mid - 1;
            } else if (addr - r.base >= r.size) {
                lo = mid + 1;
            } else {
                last = r;
                return r;
            }
        }
        return null;
    }

    /** The regions now, by address (a snapshot, for reports and figures). */
    public List<Region> regions() {
        return List.of(regions);
    }

    /** Bytes in state s over every region. */
    public long bytesIn(RegionState s) {
        long n = 0;
        for (Region r : regions) {
            n += r.bytesIn(r.base, r.size, s);
        }
        return n;
    }

    // ---- access by address (allocators use these; structures use a View) ----
    // Every access is made in EVERYTHING, a constant the JIT folds, so the segment adds no bounds
    // check of its own: checked mode has already found the pages Ready, and unchecked checks nothing.

    public long getLong(long addr) {
        return EVERYTHING.get(ValueLayout.JAVA_LONG_UNALIGNED, real(addr, 8));
    }

    public void putLong(long addr, long v) {
        EVERYTHING.set(ValueLayout.JAVA_LONG_UNALIGNED, real(addr, 8), v);
    }

    /** Go: memclrNoHeapPointers. Zeroes [addr, addr+n), which holds no pointer the GC must see. */
    public void memclrNoHeapPointers(long addr, long n) {
        if (n >= SMALL_CLEAR) {
            fill(addr, n, (byte) 0);
            return;
        }
        // Below 64 bytes, word by word is cheaper than a bulk fill's set-up; above, the bulk fill.
        long at = real(addr, n);
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            EVERYTHING.set(ValueLayout.JAVA_LONG_UNALIGNED, at + i, 0L);
        }
        for (; i < n; i++) {
            EVERYTHING.set(ValueLayout.JAVA_BYTE, at + i, (byte) 0);
        }
    }

    private static final long SMALL_CLEAR = 64;

    /** Sets each byte of [addr, addr+n) to b. */
    public void fill(long addr, long n, byte b) {
        if (n == 0) {
            return;
        }
        EVERYTHING.asSlice(real(addr, n), n).fill(b);
    }

    /** The bytes at [addr, addr+n) as a segment, after the checks an access makes. */
    public MemorySegment bytes(long addr, long n) {
        return EVERYTHING.asSlice(real(addr, n), n);
    }

    /**
     * Where the n bytes at addr are in this process: addr itself unchecked; checked, the place
     * the region keeps them, once every page of them is found Ready (else a fault).
     */
    private long real(long addr, long n) {
        if (!checked) {
            return addr;
        }
        Region r = last;
        if (r == null || n > Os.PAGE_SIZE || !r.ready(addr - r.base, n)) {
            r = readyRegion(addr, n); // another region, more than a page, or a fault
        }
        return r.real + (addr - r.base);
    }

    /**
     * Go: memmove. Copies n bytes from src to dst; the ranges may overlap. Both must be Ready in
     * checked mode.
     */
    public void memmove(long dst, long src, long n) {
        if (n == 0) {
            return;
        }
        bytes(dst, n).copyFrom(bytes(src, n));
    }

    // tag::readyRegion[]
    /**
     * The Ready region holding [addr, addr+n); else a fault at the first bad page.
     */
    Region readyRegion(long addr, long n) {
        Region r = region(addr);
        if (r == null) {
            throw fault(addr, SEGV_MAPERR);
        }
        long end = addr - r.base + n;
        for (long off = addr - r.base; off < end; off = nextPage(off)) {
            if (!r.ready(off)) {
                int code = off < r.size ? SEGV_ACCERR : SEGV_MAPERR;
                throw fault(r.base + off, code);
            }
        }
        return r;
    }
    // end::readyRegion[]

    private static long nextPage(long off) {
        return (off | (Os.PAGE_SIZE - 1)) + 1;
    }

    static final int SEGV_MAPERR = 1; // address not mapped
    static final int SEGV_ACCERR = 2; // mapped, but not accessible in its state

    /** Go: sigpanic on SIGSEGV outside the Go heap. Dies with Go's report for a bad access at addr. */
    RuntimeException fault(long addr, int code) {
        throw Panic.fault(addr, code);
    }
}
