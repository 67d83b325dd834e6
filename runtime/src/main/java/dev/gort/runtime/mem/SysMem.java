package dev.gort.runtime.mem;

import static dev.gort.runtime.mem.RegionState.NONE;
import static dev.gort.runtime.mem.RegionState.PREPARED;
import static dev.gort.runtime.mem.RegionState.READY;
import static dev.gort.runtime.mem.RegionState.RESERVED;

import dev.gort.runtime.Panic;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.SysMemPart;

/**
 * The sysAlloc family over the OS's mappings: each call moves pages between Go's region states,
 * asks the OS to make that true, and keeps the memory statistics exact.
 *
 * <p>Go: mem.go ({@code sysAlloc}, {@code sysFree}, {@code sysReserve}, {@code sysMap},
 * {@code sysUsed}, {@code sysUnused}, {@code sysFault}, {@code sysHugePage}) and mem_linux.go.
 *
 * <p>Accounting, as in Go: a byte is counted in the caller's {@link SysMemStat} from sysAlloc or
 * sysMap (Prepared or Ready) until sysFree; {@code mappedReady} counts the Ready bytes. So the sum
 * of the statistics is what the runtime has mapped, and MemStats.Sys is exact. gort counts what the
 * kernel maps (n rounded up to a page) where Go counts n. A call on a range in the wrong state is a
 * broken invariant of the caller; checked mode throws for it.
 */
public final class SysMem implements SysMemPart {
    private final Memory mem;

    public SysMem(Memory mem) {
        this.mem = mem;
    }

    /** Go: sysAlloc. None to Ready: zeroed memory straight from the OS. */
    @Override
    public long sysAlloc(long n, SysMemStat sysStat) {
        // SOLUTION sysAlloc: mmap ceil(n/page) pages read-write (a negative result means the OS refused: return 0), record them as a Ready region in mem.space, count the bytes in sysStat and in mem.mappedReady, and return the address. | book: memory#sysmem
        long size = Memory.alignUp(n, Os.PAGE_SIZE);
        long p = mem.os.mmap(size, Os.PROT_READ | Os.PROT_WRITE);
        if (p < 0) {
            return 0;
        }
        mem.space.add(p, size, READY);
        sysStat.add(size);
        mem.mappedReady.add(size);
        return p;
        // END SOLUTION
    }

    /** Go: sysFree. Any state to None: the pages go back to the OS. */
    @Override
    public void sysFree(long v, long n, SysMemStat sysStat) {
        // SOLUTION sysFree: Find the region holding [v, v+n) (mem.held). Uncount its Prepared and Ready bytes from sysStat and its Ready bytes from mem.mappedReady, set the pages to NONE, munmap them, and drop the region from mem.space once all of it is NONE. | book: memory#sysmem
        long size = Memory.alignUp(n, Os.PAGE_SIZE);
        Region r = mem.held(v, size, "sysFree");
        long ready = r.bytesIn(v, size, READY);
        sysStat.add(-(ready + r.bytesIn(v, size, PREPARED)));
        mem.mappedReady.add(-ready);
        r.setState(v, size, NONE);
        mem.os.munmap(v, size);
        if (r.bytesIn(r.base, r.size, NONE) == r.size) {
            mem.space.remove(r);
        }
        // END SOLUTION
    }

    /** Go: sysReserve. None to Reserved: address space only (v is a hint gort ignores, as Linux may). */
    @Override
    public long sysReserve(long v, long n) {
        // SOLUTION sysReserve: mmap the pages with PROT_NONE (return 0 if the OS refused) and record them as a RESERVED region. Nothing is counted: reserved memory costs no RAM. | book: memory#sysmem
        long size = Memory.alignUp(n, Os.PAGE_SIZE);
        long p = mem.os.mmap(size, Os.PROT_NONE);
        if (p < 0) {
            return 0;
        }
        mem.space.add(p, size, RESERVED);
        return p;
        // END SOLUTION
    }

    /** Go: sysMap. Reserved to Prepared: the range is committed and counted, not yet usable. */
    @Override
    public void sysMap(long v, long n, SysMemStat sysStat) {
        // SOLUTION sysMap: Every page of [v, v+n) must be RESERVED (else throw "sysMap: memory not reserved"). mprotect it read-write (failure: throw "runtime: cannot map pages in arena address space"), set it PREPARED and count it in sysStat. | book: memory#sysmem
        long size = Memory.alignUp(n, Os.PAGE_SIZE);
        Region r = mem.held(v, size, "sysMap");
        if (r.bytesIn(v, size, RESERVED) != size) {
            throw Panic.throw_("sysMap: memory not reserved");
        }
        if (mem.os.mprotect(v, size, Os.PROT_READ | Os.PROT_WRITE) != 0) {
            Panic.print("runtime: mprotect(" + Long.toHexString(v) + ", " + size + ") failed\n");
            throw Panic.throw_("runtime: cannot map pages in arena address space");
        }
        r.setState(v, size, PREPARED);
        sysStat.add(size);
        // END SOLUTION
    }

    /** Go: sysUsed. Prepared to Ready; idempotent on pages already Ready. */
    @Override
    public void sysUsed(long v, long n, long prepared) {
        // SOLUTION sysUsed: Every page must be PREPARED or READY (else throw "sysUsed: memory not prepared"). Set them READY and add prepared (the caller's count of Prepared bytes) to mem.mappedReady. | book: memory#sysmem
        long size = Memory.alignUp(n, Os.PAGE_SIZE);
        Region r = mem.held(v, size, "sysUsed");
        if (r.bytesIn(v, size, PREPARED) + r.bytesIn(v, size, READY) != size) {
            throw Panic.throw_("sysUsed: memory not prepared");
        }
        r.setState(v, size, READY);
        mem.mappedReady.add(prepared);
        // END SOLUTION
    }

    /** Go: sysUnused. Ready to Prepared: the OS may reclaim the pages; their contents are forfeit. */
    @Override
    public void sysUnused(long v, long n) {
        // SOLUTION sysUnused: v and n must be page aligned (else throw "unaligned sysUnused": madvise would release more than asked). madvise MADV_DONTNEED, uncount the Ready bytes from mem.mappedReady and set the pages PREPARED. | book: memory#sysmem
        if (v % Os.PAGE_SIZE != 0 || n % Os.PAGE_SIZE != 0) {
            throw Panic.throw_("unaligned sysUnused");
        }
        Region r = mem.held(v, n, "sysUnused");
        mem.os.madvise(v, n, Os.MADV_DONTNEED);
        mem.mappedReady.add(-r.bytesIn(v, n, READY));
        r.setState(v, n, PREPARED);
        // END SOLUTION
    }

    /** Go: sysFault. Ready to Reserved: any access faults. The statistic keeps counting it, as in Go. */
    @Override
    public void sysFault(long v, long n) {
        // SOLUTION sysFault: mprotect [v, v+n) PROT_NONE, uncount its Ready bytes from mem.mappedReady and set the pages RESERVED. | book: memory#sysmem
        long size = Memory.alignUp(n, Os.PAGE_SIZE);
        Region r = mem.held(v, size, "sysFault");
        mem.os.mprotect(v, size, Os.PROT_NONE);
        mem.mappedReady.add(-r.bytesIn(v, size, READY));
        r.setState(v, size, RESERVED);
        // END SOLUTION
    }

    /** Go: sysHugePage. A hint only: ask for transparent huge pages. */
    @Override
    public void sysHugePage(long v, long n) {
        mem.held(v, n, "sysHugePage");
        mem.os.madvise(v, Memory.alignUp(n, Os.PAGE_SIZE), Os.MADV_HUGEPAGE);
    }
}
