package dev.gort.runtime.part;

import dev.gort.runtime.mem.SysMemStat;

/**
 * persistentalloc: small, aligned, zeroed allocations that are never freed, carved from 256 KB
 * chunks (a cache per P, and a global one under a lock). Go: malloc.go {@code persistentalloc},
 * {@code persistentalloc1}, {@code inPersistentAlloc}. Reference:
 * {@code dev.gort.runtime.mem.PersistentAlloc}.
 */
public interface PersistentAllocPart {
    /** size bytes aligned to align (0: 8; a power of two up to 8 KB), counted in sysStat. */
    long persistentalloc(long size, long align, SysMemStat sysStat);

    /** Whether p points into a chunk persistentalloc carved from. */
    boolean inPersistentAlloc(long p);

    /**
     * Go: the per-P half of procresize's {@code (*p).init}: make room in the per-P tables for P
     * ids below {@code nprocs}. Called with the world stopped, before a P with such an id runs.
     * The default does nothing, which serves while GOMAXPROCS stays within the
     * {@value dev.gort.runtime.Gort#MAX_GOMAXPROCS} Ps that per-P tables are first made for.
     */
    default void procresize(int nprocs) {
    }
}
