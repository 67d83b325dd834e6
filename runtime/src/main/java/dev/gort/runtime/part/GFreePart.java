package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.P;

/**
 * The free-G pool: dead Gs kept with their stacks for reuse. Go: proc.go gfput, gfget, gfpurge.
 * Reference: {@code dev.gort.runtime.sched.GFree}.
 */
public interface GFreePart {
    /** Puts a dead G on pp's free list, spilling to the global pool. */
    void gfput(P pp, G gp);

    /** Takes a dead G from pp's list, refilling it from the global pool; null if there is none. */
    G gfget(P pp);

    /** Moves all of pp's free Gs to the global pool. */
    void gfpurge(P pp);
}
