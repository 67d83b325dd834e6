// tag::essay[]
/**
 * Unmanaged memory: what the runtime allocates outside any garbage-collected
 * heap.
 *
 * <p>Go: mem.go and mem_linux.go (the sysAlloc family), malloc.go ({@code
 * persistentalloc}, {@code linearAlloc}), mfixalloc.go ({@code fixalloc}),
 * mstats.go ({@code sysMemStat}).
 *
 * <p>The runtime needs memory for its own structures before there is a heap,
 * and for structures the collector must never free or move. So it maps memory
 * from the OS itself and tracks every page in one of Go's four states ({@link
 * dev.gort.runtime.mem.RegionState}: None, Reserved, Prepared, Ready), moved by
 * the sysAlloc family ({@code sysAlloc}, {@code sysReserve}, {@code sysMap},
 * {@code sysUsed}, {@code sysUnused}, {@code sysFault}, {@code sysFree}). On
 * top: {@code persistentalloc} for small objects that live for ever (256 KB
 * chunks, never freed), {@code fixalloc} for fixed-size objects on a free list
 * (reused only by the same pool, zeroed or not as asked), and {@code
 * linearAlloc} for a reserved range used front to back.
 *
 * <p>Memory is read and written through {@code MemoryLayout} views over the
 * mapped bytes; in checked mode (always on the simulated OS) every access is
 * checked against the page states, and a bad one dies with Go's fault report.
 * Every byte is accounted in Go's {@code sysMemStat}s, which {@code
 * Gort.readMemStats} reports.
 *
 * <p>Status: the allocators are parts (chapter 04); {@link
 * dev.gort.runtime.mem.Memory} is one runtime's set of them, built by its
 * constructor from the chosen parts.
 */
// end::essay[]
package dev.gort.runtime.mem;
