package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.P;

/**
 * The free-G pool: dead Gs kept with their stacks for reuse. Go: proc.go gfput, gfget, gfpurge.
 * Reference: {@code dev.gort.runtime.sched.GFree}.
 *
 * <p>Capacities (Go's, part of the contract): a P keeps at most 63 free Gs; the 64th gfput moves
 * Gs to the global pool until 31 are left on the P (Go: {@code for pp.gFree.n >= 32}); a gfget on
 * a P with none refills it from the global pool with up to 32 first. The global pool is
 * unbounded, guarded by {@code sched.gFreeLock}.
 */
public interface GFreePart {
    /** Puts a dead G on pp's free list, spilling to the global pool. */
    void gfput(P pp, G gp);

    /** Takes a dead G from pp's list, refilling it from the global pool; null if there is none. */
    G gfget(P pp);

    /** Moves all of pp's free Gs to the global pool. */
    void gfpurge(P pp);
}
