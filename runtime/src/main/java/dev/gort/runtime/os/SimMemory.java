package dev.gort.runtime.os;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated OS's address space: what {@code mmap} and friends do to a process's memory map,
 * with addresses that depend only on the seed and on the calls made, so that a run (and every
 * fault address it prints) replays exactly. gort's own.
 *
 * <p>A mapping gets the lowest free range at or above a base drawn from the seed (first fit, as a
 * bump allocator that reuses holes). Its bytes live in a real anonymous mapping of the same size
 * (zero on first touch, forfeit on MADV_DONTNEED), reached through {@link #memory}; the simulated
 * address only names them. Each page's protection is tracked, or {@link #UNMAPPED}. Unmapping
 * gives the pages back (MADV_DONTNEED) but keeps the backing mapped until the process is gone, so
 * that a stale access on the simulated OS never kills the JVM: the runtime's checked access is
 * what reports it, with its simulated address, the same for every run of the seed.
 *
 * <p>Invariants: simulated ranges never overlap; {@code mapped} is the number of mapped bytes and
 * never exceeds {@code limit} (beyond it mmap fails with ENOMEM, like a process under
 * {@code ulimit -v}). All methods hold this object's monitor and make no scheduling point inside.
 */
final class SimMemory {
    static final long BASE = 0x7f00_0000_0000L; // where Linux puts anonymous mappings, roughly
    static final byte UNMAPPED = -1;

    private final long base;                    // immutable: the seed's first address
    private final long limit;                   // immutable: most bytes mapped at once
    private final TreeMap<Long, Mapping> maps = new TreeMap<>(); // by simulated address
    private final LiveMappings backing;         // the real memory behind the mappings
    private long mapped;

    /** One mmap call's range: simulated address, size, where its bytes are, each page's prot. */
    private static final class Mapping {
        final long addr;
        final long size;
        final long real;
        final byte[] prot;
        int live; // pages not yet unmapped

        Mapping(long addr, long size, long real, int prot) {
            this.addr = addr;
            this.size = size;
            this.real = real;
            this.prot = new byte[(int) (size / Os.PAGE_SIZE)];
            java.util.Arrays.fill(this.prot, (byte) prot);
            this.live = this.prot.length;
        }
    }

    SimMemory(long seed, long limit, Object owner) {
        this.base = BASE + new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong(0x10000) * 0x100000L;
        this.limit = limit;
        this.backing = new LiveMappings(owner);
    }

    synchronized long mmap(long n, int prot) {
        if (n <= 0 || n % Os.PAGE_SIZE != 0 || mapped + n > limit) {
            return -Os.ENOMEM;
        }
        long real = Mappings.mmap(n, Os.PROT_READ | Os.PROT_WRITE);
        if (real < 0) {
            return real;
        }
        backing.add(real, n);
        long addr = firstFit(n);
        maps.put(addr, new Mapping(addr, n, real, prot));
        mapped += n;
        return addr;
    }

    private long firstFit(long n) {
        long cur = base;
        for (Mapping m : maps.tailMap(base).values()) {
            if (cur + n <= m.addr) {
                break;
            }
            cur = Math.max(cur, m.addr + m.size);
        }
        return cur;
    }

    synchronized int munmap(long addr, long n) {
        for (long a = addr; a < addr + n; a += Os.PAGE_SIZE) {
            Mapping m = containing(a);
            if (m == null) {
                continue; // unmapping what is not mapped is not an error (as on Linux)
            }
            int page = (int) ((a - m.addr) / Os.PAGE_SIZE);
            if (m.prot[page] != UNMAPPED) {
                m.prot[page] = UNMAPPED;
                m.live--;
                mapped -= Os.PAGE_SIZE;
                Mappings.madvise(m.real + (a - m.addr), Os.PAGE_SIZE, Os.MADV_DONTNEED);
            }
            if (m.live == 0) {
                maps.remove(m.addr); // the backing stays mapped (zero) until the process is gone
            }
        }
        return 0;
    }

    synchronized int madvise(long addr, long n, int advice) {
        if (!covered(addr, n)) {
            return -1;
        }
        if (advice == Os.MADV_DONTNEED) {
            Mapping m = containing(addr);
            Mappings.madvise(m.real + (addr - m.addr), n, advice);
        }
        return 0;
    }

    synchronized int mprotect(long addr, long n, int prot) {
        if (!covered(addr, n)) {
            return -1;
        }
        Mapping m = containing(addr);
        for (long a = addr; a < addr + n; a += Os.PAGE_SIZE) {
            m.prot[(int) ((a - m.addr) / Os.PAGE_SIZE)] = (byte) prot;
        }
        return 0;
    }

    synchronized MemorySegment memory(long addr, long n) {
        Mapping m = containing(addr);
        if (m == null || addr + n > m.addr + m.size) {
            throw new IllegalArgumentException(String.format(
                    "memory(0x%x, %d): not inside one mapping of this simulated process", addr, n));
        }
        return Mappings.memory(m.real + (addr - m.addr), n);
    }

    /** The protection of the page holding addr, or -1 when it is not mapped. */
    synchronized int protection(long addr) {
        Mapping m = containing(addr);
        return m == null ? -1 : m.prot[(int) ((addr - m.addr) / Os.PAGE_SIZE)];
    }

    /** Whether [addr, addr+n) lies in one mapping with every page mapped. */
    private boolean covered(long addr, long n) {
        Mapping m = containing(addr);
        if (m == null || addr % Os.PAGE_SIZE != 0 || addr + n > m.addr + m.size) {
            return false;
        }
        for (long a = addr; a < addr + n; a += Os.PAGE_SIZE) {
            if (m.prot[(int) ((a - m.addr) / Os.PAGE_SIZE)] == UNMAPPED) {
                return false;
            }
        }
        return true;
    }

    private Mapping containing(long addr) {
        Map.Entry<Long, Mapping> e = maps.floorEntry(addr);
        return e != null && addr < e.getKey() + e.getValue().size ? e.getValue() : null;
    }

    /** Bytes mapped now. */
    synchronized long mapped() {
        return mapped;
    }
}
