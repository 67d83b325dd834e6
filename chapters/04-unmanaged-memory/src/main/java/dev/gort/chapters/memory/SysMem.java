// Generated from runtime/src/main/java/dev/gort/runtime/mem/SysMem.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 5b2fe4e3dac17ca1
package dev.gort.chapters.memory;


import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.SysMemPart;
import dev.gort.runtime.mem.MemStats;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.SysMemStat;
import dev.gort.runtime.part.Todo;

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
        throw new Todo("sysAlloc", "mmap ceil(n/page) pages read-write (a negative result means the OS refused: return 0), record them as a Ready region in mem.space, count the bytes in sysStat and in mem.mappedReady, and return the address.", "memory#sysmem");
    }

    /** Go: sysFree. Any state to None: the pages go back to the OS. */
    @Override
    public void sysFree(long v, long n, SysMemStat sysStat) {
        throw new Todo("sysFree", "Find the region holding [v, v+n) (mem.held). Uncount its Prepared and Ready bytes from sysStat and its Ready bytes from mem.mappedReady, set the pages to NONE, munmap them, and drop the region from mem.space once all of it is NONE.", "memory#sysmem");
    }

    /** Go: sysReserve. None to Reserved: address space only (v is a hint gort ignores, as Linux may). */
    @Override
    public long sysReserve(long v, long n) {
        throw new Todo("sysReserve", "mmap the pages with PROT_NONE (return 0 if the OS refused) and record them as a RESERVED region. Nothing is counted: reserved memory costs no RAM.", "memory#sysmem");
    }

    /** Go: sysMap. Reserved to Prepared: the range is committed and counted, not yet usable. */
    @Override
    public void sysMap(long v, long n, SysMemStat sysStat) {
        throw new Todo("sysMap", "Every page of [v, v+n) must be RESERVED (else throw \"sysMap: memory not reserved\"). mprotect it read-write (failure: throw \"runtime: cannot map pages in arena address space\"), set it PREPARED and count it in sysStat.", "memory#sysmem");
    }

    /** Go: sysUsed. Prepared to Ready; idempotent on pages already Ready. */
    @Override
    public void sysUsed(long v, long n, long prepared) {
        throw new Todo("sysUsed", "Every page must be PREPARED or READY (else throw \"sysUsed: memory not prepared\"). Set them READY and add prepared (the caller's count of Prepared bytes) to mem.mappedReady.", "memory#sysmem");
    }

    /** Go: sysUnused. Ready to Prepared: the OS may reclaim the pages; their contents are forfeit. */
    @Override
    public void sysUnused(long v, long n) {
        throw new Todo("sysUnused", "v and n must be page aligned (else throw \"unaligned sysUnused\": madvise would release more than asked). madvise MADV_DONTNEED, uncount the Ready bytes from mem.mappedReady and set the pages PREPARED.", "memory#sysmem");
    }

    /** Go: sysFault. Ready to Reserved: any access faults. The statistic keeps counting it, as in Go. */
    @Override
    public void sysFault(long v, long n) {
        throw new Todo("sysFault", "mprotect [v, v+n) PROT_NONE, uncount its Ready bytes from mem.mappedReady and set the pages RESERVED.", "memory#sysmem");
    }

    /** Go: sysHugePage. A hint only: ask for transparent huge pages. */
    @Override
    public void sysHugePage(long v, long n) {
        mem.held(v, n, "sysHugePage");
        mem.os.madvise(v, Memory.alignUp(n, Os.PAGE_SIZE), Os.MADV_HUGEPAGE);
    }
}
