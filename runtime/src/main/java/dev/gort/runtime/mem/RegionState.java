package dev.gort.runtime.mem;

/**
 * The four states a range of address space can be in, as the runtime sees it.
 *
 * <p>Go: mem.go (the comment above {@code sysAlloc}: "Regions of the address space managed by the
 * runtime may be in one of four states at any given time"). Go names them in prose only; gort
 * tracks them per page in checked mode, so that touching memory in the wrong state is a fault.
 * <pre>
 *   NONE ──sysReserve──> RESERVED ──sysMap──> PREPARED ──sysUsed──> READY
 *    ^ ──────────────────────────sysAlloc─────────────────────────────┘ (NONE to READY)
 *    └──sysFree (from any state)   RESERVED <──sysFault── READY ──sysUnused──> PREPARED
 * </pre>
 */
// tag::states[]
public enum RegionState {
    /** Unreserved and unmapped: the default state of any region. */
    NONE,
    /**
     * Owned by the runtime, but accessing it faults; not counted in any memory
     * statistic.
     */
    RESERVED,
    /**
     * Reserved, not backed by physical memory, counted in a statistic; contents
     * undefined.
     */
    PREPARED,
    /** Safe to read and write. */
    READY;
    // end::states[]

    static final RegionState[] VALUES = values();
}
