package dev.gort.runtime.sched;

import static dev.gort.runtime.G._Gdead;
import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.lock.LockRank;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.part.GFreePart;

/**
 * The free-G pool of one runtime: dead Gs kept with their stacks, so that {@code newproc} reuses
 * them. It owns its state: each P's list (Go: {@code p.gFree}) and the global pool (Go:
 * {@code sched.gFree}, with its lock).
 *
 * <p>Go: proc.go {@code gfput}, {@code gfget}, {@code gfpurge}.
 *
 * <p>Free Gs live on their P (no lock: only the P's M touches its list) and spill to the global
 * pool (under {@code lock}) when a P holds 64, keeping 31; a P with none refills up to 32 from the
 * global pool. The batching keeps the global lock off the path of nearly every {@code go}, while a
 * P that only frees Gs cannot hoard them all.
 */
public final class GFree implements GFreePart {
    static final int GFREE_SPILL = 64; // a P holding this many free Gs moves some to the global pool
    static final int GFREE_KEEP = 32;  // ... while it holds this many (31 stay); and refills up to it

    /** A P's free Gs. Go: {@code p.gFree}, a gList and its length. Owner P only. */
    static final class PFree {
        final GList list = new GList();
        int n;
    }

    // owner P only, one slot per P id (made by the P's first call):
    private PFree[] local = new PFree[Gort.MAX_GOMAXPROCS]; // grown by procresize

    // the global pool, Go: sched.gFree; guarded by lock:
    private final Mutex lock = new Mutex(LockRank.LEAF, "sched.gFree.lock");
    private final GList global = new GList();
    private volatile int n;            // written under lock; read racily as a hint

    /** Go: gfput. Puts a dead G on the P's free list, spilling to the global pool at 64. */
    @Override
    public void gfput(P pp, G gp) {
        // SOLUTION gfput: Afterwards gp is on pp's free list; a list that reached 64 has moved Gs to the global pool (under lock) and kept 31. Both counts exact, no lock held. Throws "gfput: bad status (not Gdead)" unless gp is _Gdead. | book: scheduler#gfree
        if (gp.readgstatus() != _Gdead) {
            throw Panic.throw_("gfput: bad status (not Gdead)");
        }
        PFree pf = local(pp);
        pf.list.push(gp);
        pf.n++;
        if (pf.n >= GFREE_SPILL) {
            lock(lock);
            int moved = 0;
            while (pf.n >= GFREE_KEEP) {
                global.push(pf.list.pop());
                pf.n--;
                moved++;
            }
            n += moved;
            unlock(lock);
        }
        // END SOLUTION
    }

    /** Go: gfget. Takes a dead G from the P's free list, refilling it from the global pool. */
    @Override
    public G gfget(P pp) {
        // SOLUTION gfget: Returns one of pp's free Gs, or null when there is none anywhere: an empty list is first refilled from the global pool with up to 32 (under lock). Both counts exact, no lock held. | book: scheduler#gfree
        PFree pf = local(pp);
        if (pf.list.empty() && n > 0) {
            lock(lock);
            int moved = 0;
            while (pf.n < GFREE_KEEP) {
                G gp = global.pop();
                if (gp == null) {
                    break;
                }
                pf.list.push(gp);
                pf.n++;
                moved++;
            }
            n -= moved;
            unlock(lock);
        }
        G gp = pf.list.pop();
        if (gp != null) {
            pf.n--;
        }
        return gp;
        // END SOLUTION
    }

    /** Go: gfpurge. Moves all of a P's free Gs to the global pool (the P is going away). */
    @Override
    public void gfpurge(P pp) {
        // SOLUTION gfpurge: Afterwards pp's free list is empty and every G it held is in the global pool, counted. | book: scheduler#gfree
        PFree pf = local(pp);
        lock(lock);
        int moved = 0;
        for (G gp = pf.list.pop(); gp != null; gp = pf.list.pop()) {
            global.push(gp);
            moved++;
        }
        pf.n = 0;
        n += moved;
        unlock(lock);
        // END SOLUTION
    }

    @Override
    public int localCount(P pp) {
        return local(pp).n;
    }

    @Override
    public int globalCount() {
        return n;
    }

    /** Room for P ids below nprocs (the world is stopped). */
    @Override
    public void procresize(int nprocs) {
        if (nprocs > local.length) {
            local = java.util.Arrays.copyOf(local, nprocs);
        }
    }

    /** pp's list, made at its first use. Only pp's M calls this, so no two make the same slot. */
    private PFree local(P pp) {
        PFree pf = local[pp.id];
        if (pf == null) {
            pf = new PFree();
            local[pp.id] = pf;
        }
        return pf;
    }
}
