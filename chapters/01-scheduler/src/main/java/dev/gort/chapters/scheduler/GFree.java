// Generated from runtime/src/main/java/dev/gort/runtime/sched/GFree.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 91656502a852ec49
package dev.gort.chapters.scheduler;


import dev.gort.runtime.G;
import dev.gort.runtime.P;
import dev.gort.runtime.part.GFreePart;
import dev.gort.runtime.part.Todo;

/**
 * The free-G pool: dead Gs kept with their stacks, so that {@code newproc} reuses them.
 *
 * <p>Go: proc.go {@code gfput}, {@code gfget}, {@code gfpurge}.
 *
 * <p>Free Gs live on their P ({@code p.gFree}, no lock: only the P's M touches it) and spill to the
 * global pool ({@code sched.gFree}, under {@code sched.gFreeLock}) when a P holds 64, keeping 31; a
 * P with none refills up to 32 from the global pool. The batching keeps the global lock off the
 * path of nearly every {@code go}, while a P that only frees Gs cannot hoard them all.
 */
public final class GFree implements GFreePart {
    static final int GFREE_SPILL = 64; // a P holding this many free Gs moves some to the global pool
    static final int GFREE_KEEP = 32;  // ... while it holds this many (31 stay); and refills up to it

    /** Go: gfput. Puts a dead G on the P's free list, spilling to the global pool at 64. */
    @Override
    public void gfput(P pp, G gp) {
        throw new Todo("gfput", "The G must be _Gdead (else throw \"gfput: bad status (not Gdead)\"). Push it on pp.gFree; when pp holds 64, move Gs to the global pool (sched.gFree, under sched.gFreeLock) until it holds 31.", "scheduler#gfree");
    }

    /** Go: gfget. Takes a dead G from the P's free list, refilling it from the global pool. */
    @Override
    public G gfget(P pp) {
        throw new Todo("gfget", "If pp's list is empty and the global pool is not, move up to 32 Gs over under sched.gFreeLock. Then pop one from pp's list, or return null.", "scheduler#gfree");
    }

    /** Go: gfpurge. Moves all of a P's free Gs to the global pool (the P is going away). */
    @Override
    public void gfpurge(P pp) {
        throw new Todo("gfpurge", "Move every G on pp's free list to the global pool, under sched.gFreeLock.", "scheduler#gfree");
    }

}
