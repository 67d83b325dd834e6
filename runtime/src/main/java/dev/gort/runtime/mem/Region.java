package dev.gort.runtime.mem;

import dev.gort.runtime.os.Os;

/**
 * One range of address space the runtime obtained from the OS with one {@code sysAlloc} or
 * {@code sysReserve}, and the {@link RegionState} of each of its pages.
 *
 * <p>Go keeps no such table (the kernel's page tables are the truth, and a wrong access is a
 * SIGSEGV); gort keeps it so that, in checked mode, an access to a page that is not Ready is a
 * fault with Go's report on both OSes, reproducible by seed on the simulated one.
 *
 * <p>Invariants: {@code base} and {@code size} are page aligned and fixed; a page's state changes
 * only through the sysAlloc family ({@link #setState}); the range's bytes are at {@code real} in
 * this process (the same address on the real OS; the simulated OS keeps them elsewhere).
 * States are plain bytes: a checker, written by the M that owns the memory and read racily by
 * others (on the simulated OS, one thread runs everything, so it is exact).
 */
public final class Region {
    private static final int PAGE_SHIFT = 12; // log2(Os.PAGE_SIZE)

    final AddressSpace space;        // keeps the OS (and so the mapping) alive while this is
    public final long base;
    public final long size;
    final long real;                 // where the bytes of [base, base+size) are in this process
    private final byte[] state;      // RegionState ordinal of each page
    boolean live = true;             // false once removed from the table (a hint's check)

    Region(AddressSpace space, long base, long size, RegionState initial) {
        this.space = space;
        this.base = base;
        this.size = size;
        this.real = space.os.memory(base, size).address();
        this.state = new byte[(int) (size >>> PAGE_SHIFT)];
        java.util.Arrays.fill(state, (byte) initial.ordinal());
    }

    /** Whether addr lies in this region. */
    public boolean contains(long addr) {
        return addr >= base && addr - base < size;
    }

    /** The state of the page holding addr. */
    public RegionState state(long addr) {
        return RegionState.VALUES[state[page(addr)]];
    }

    /**
     * Sets every page of [v, v+n) to s. For the sysAlloc family only. Any state but Ready tells the
     * address space, so that no view goes on trusting those pages.
     */
    public void setState(long v, long n, RegionState s) {
        for (long a = v; a < v + n; a += Os.PAGE_SIZE) {
            state[page(a)] = (byte) s.ordinal();
        }
        if (s != RegionState.READY) {
            space.unready();
        }
    }

    /** The bytes of [v, v+n) whose pages are in state s. */
    public long bytesIn(long v, long n, RegionState s) {
        long bytes = 0;
        for (long a = v; a < v + n; a += Os.PAGE_SIZE) {
            if (state[page(a)] == s.ordinal()) {
                bytes += Os.PAGE_SIZE;
            }
        }
        return bytes;
    }

    /** Whether the page at byte offset off of this region is Ready (the checked-access test). */
    boolean ready(long off) {
        return off >= 0 && off < size && state[(int) (off >>> PAGE_SHIFT)] == READY;
    }

    /** Whether the n bytes (1 <= n <= a page) at byte offset off lie in this region on Ready pages. */
    boolean ready(long off, long n) {
        long last = off + n - 1;
        return off >= 0 && last < size && state[(int) (off >>> PAGE_SHIFT)] == READY
                && ((off ^ last) >>> PAGE_SHIFT == 0 || state[(int) (last >>> PAGE_SHIFT)] == READY);
    }

    private static final byte READY = (byte) RegionState.READY.ordinal();

    private int page(long addr) {
        if (!contains(addr)) {
            throw new IllegalArgumentException(String.format("0x%x is not in region [0x%x, 0x%x)",
                    addr, base, base + size));
        }
        return (int) ((addr - base) >>> PAGE_SHIFT);
    }

    @Override
    public String toString() {
        return String.format("region [0x%x, 0x%x)", base, base + size);
    }
}
