package dev.gort.runtime.part;

import dev.gort.runtime.mem.SysMemStat;

/**
 * The sysAlloc family: moving ranges of address space between Go's region states (None, Reserved,
 * Prepared, Ready) with the OS's mmap/munmap/madvise/mprotect, and accounting each byte in a
 * memory statistic. Go: mem.go, mem_linux.go. Reference: {@code dev.gort.runtime.mem.SysMem}.
 *
 * <p>Addresses and sizes are bytes; sizes are rounded up to the OS page. The caller says which
 * statistic the memory counts in; the same one must be passed when it is freed.
 */
public interface SysMemPart {
    /** None to Ready: n bytes of zeroed memory counted in sysStat; 0 if the OS refused. */
    long sysAlloc(long n, SysMemStat sysStat);

    /** Any state to None: returns [v, v+n) to the OS; uncounts what sysStat counted of it. */
    void sysFree(long v, long n, SysMemStat sysStat);

    /** None to Reserved: n bytes of address space that fault if touched; 0 if the OS refused. */
    long sysReserve(long v, long n);

    /** Reserved to Prepared: counts [v, v+n) in sysStat; not yet usable. */
    void sysMap(long v, long n, SysMemStat sysStat);

    /** Prepared to Ready; {@code prepared} is how many of the n bytes were Prepared. */
    void sysUsed(long v, long n, long prepared);

    /** Ready to Prepared: the contents are forfeit (the OS may take the pages back). */
    void sysUnused(long v, long n);

    /** Ready to Reserved, so that any access faults (a debugging aid). */
    void sysFault(long v, long n);

    /** A hint that [v, v+n) should be backed by huge pages. No state change. */
    void sysHugePage(long v, long n);
}
