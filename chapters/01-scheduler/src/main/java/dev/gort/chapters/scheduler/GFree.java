// Generated from runtime/src/main/java/dev/gort/runtime/sched/GFree.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: c20ef5801c62abce
package dev.gort.chapters.scheduler;

import static dev.gort.runtime.lock.Mutex.lock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.lock.LockRank;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.part.GFreePart;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.sched.GList;

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
        throw new Todo("gfput", "Afterwards gp is on pp's free list; a list that reached 64 has moved Gs to the global pool (under lock) and kept 31. Both counts exact, no lock held. Throws \"gfput: bad status (not Gdead)\" unless gp is _Gdead.", "scheduler#gfree");
    }

    /** Go: gfget. Takes a dead G from the P's free list, refilling it from the global pool. */
    @Override
    public G gfget(P pp) {
        throw new Todo("gfget", "Returns one of pp's free Gs, or null when there is none anywhere: an empty list is first refilled from the global pool with up to 32 (under lock). Both counts exact, no lock held.", "scheduler#gfree");
    }

    /** Go: gfpurge. Moves all of a P's free Gs to the global pool (the P is going away). */
    @Override
    public void gfpurge(P pp) {
        throw new Todo("gfpurge", "Afterwards pp's free list is empty and every G it held is in the global pool, counted.", "scheduler#gfree");
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
