package dev.gort.runtime.sched;

import static dev.gort.runtime.G._Gdead;
import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.part.GFreePart;

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
        // SOLUTION gfput: The G must be _Gdead (else throw "gfput: bad status (not Gdead)"). Push it on pp.gFree; when pp holds 64, move Gs to the global pool (sched.gFree, under sched.gFreeLock) until it holds 31. | book: scheduler#gfree
        if (gp.readgstatus() != _Gdead) {
            throw Panic.throw_("gfput: bad status (not Gdead)");
        }
        pp.gFree.push(gp);
        pp.gFreeCount++;
        if (pp.gFreeCount >= GFREE_SPILL) {
            Sched sched = pp.rt.sched;
            lock(sched.gFreeLock);
            int moved = 0;
            while (pp.gFreeCount >= GFREE_KEEP) {
                sched.gFree.push(pp.gFree.pop());
                pp.gFreeCount--;
                moved++;
            }
            sched.ngFree += moved;
            unlock(sched.gFreeLock);
        }
        // END SOLUTION
    }

    /** Go: gfget. Takes a dead G from the P's free list, refilling it from the global pool. */
    @Override
    public G gfget(P pp) {
        // SOLUTION gfget: If pp's list is empty and the global pool is not, move up to 32 Gs over under sched.gFreeLock. Then pop one from pp's list, or return null. | book: scheduler#gfree
        Sched sched = pp.rt.sched;
        if (pp.gFree.empty() && sched.ngFree > 0) {
            lock(sched.gFreeLock);
            int moved = 0;
            while (pp.gFreeCount < GFREE_KEEP) {
                G gp = sched.gFree.pop();
                if (gp == null) {
                    break;
                }
                pp.gFree.push(gp);
                pp.gFreeCount++;
                moved++;
            }
            sched.ngFree -= moved;
            unlock(sched.gFreeLock);
        }
        G gp = pp.gFree.pop();
        if (gp != null) {
            pp.gFreeCount--;
        }
        return gp;
        // END SOLUTION
    }

    /** Go: gfpurge. Moves all of a P's free Gs to the global pool (the P is going away). */
    @Override
    public void gfpurge(P pp) {
        // SOLUTION gfpurge: Move every G on pp's free list to the global pool, under sched.gFreeLock. | book: scheduler#gfree
        Sched sched = pp.rt.sched;
        lock(sched.gFreeLock);
        int moved = 0;
        for (G gp = pp.gFree.pop(); gp != null; gp = pp.gFree.pop()) {
            sched.gFree.push(gp);
            moved++;
        }
        pp.gFreeCount = 0;
        sched.ngFree += moved;
        unlock(sched.gFreeLock);
        // END SOLUTION
    }

}
