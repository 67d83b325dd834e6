package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.P;

/**
 * The free-G pool: dead Gs kept with their stacks for reuse. Go: proc.go gfput, gfget, gfpurge.
 * Reference: {@code dev.gort.runtime.sched.GFree}.
 *
 * <p>One instance per runtime ({@link Parts#gfree} takes a factory), and it owns its state: each
 * P's list of free Gs (Go: {@code p.gFree}, touched only by that P's M) and the global pool (Go:
 * {@code sched.gFree}, under its own lock). The scheduler calls {@code gfget} in newproc,
 * {@code gfput} when a G exits and {@code gfpurge} when procresize destroys a P.
 *
 * <p>Capacities (Go's, part of the contract): a P keeps at most 63 free Gs; the 64th gfput moves
 * Gs to the global pool until 31 are left on the P (Go: {@code for pp.gFree.n >= 32}); a gfget on
 * a P with none refills it from the global pool with up to 32 first. The global pool is unbounded.
 */
public interface GFreePart {
    /** Puts a dead G on pp's free list, spilling to the global pool. */
    void gfput(P pp, G gp);

    /** Takes a dead G from pp's list, refilling it from the global pool; null if there is none. */
    G gfget(P pp);

    /** Moves all of pp's free Gs to the global pool. */
    void gfpurge(P pp);

    /** How many free Gs pp's list holds (Go: {@code pp.gFree.n}). pp's M, or a hint. */
    int localCount(P pp);

    /** How many free Gs the global pool holds (Go: {@code sched.gFree.n}). A hint without its lock. */
    int globalCount();

    /**
     * Go: the per-P half of procresize's {@code (*p).init}: make room in the per-P tables for P
     * ids below {@code nprocs}. Called with the world stopped, before a P with such an id runs.
     * The default does nothing, which serves while GOMAXPROCS stays within the
     * {@value dev.gort.runtime.Gort#MAX_GOMAXPROCS} Ps that per-P tables are first made for.
     */
    default void procresize(int nprocs) {
    }
}
