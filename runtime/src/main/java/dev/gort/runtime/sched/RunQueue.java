package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.sched.Proc.globrunqputbatch;

import dev.gort.runtime.G;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.atomic.Pointer;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.part.RunQueuePart;

/**
 * A P's local run queue: a 256-slot ring of runnable Gs plus the {@code runnext} slot.
 *
 * <p>Go: proc.go {@code runqput}, {@code runqputslow}, {@code runqget}, {@code runqgrab},
 * {@code runqsteal}, {@code runqempty}.
 *
 * <p>Only the owning P puts (single producer); any P may take (multiple consumers), so {@code head}
 * moves by CAS and {@code tail} by a release store. A G is in exactly one of: {@code runnext}, the
 * ring, the global queue, or running. When the ring is full, half of it moves to the global queue
 * in one batch ({@code runqputslow}). {@code runnext} holds the G readied most recently by the
 * running G: it runs next and inherits the rest of the time slice, so a pair of goroutines that
 * hand work back and forth behaves like one, and cannot starve the queue (the slice is shared).
 */
public final class RunQueue implements RunQueuePart {
    /*
     * Implementation notes.
     *
     * Slots are plain array elements. The owner writes a slot and then publishes it by a release
     * store of tail; a consumer reads head and tail with acquire loads, copies the slots, and then
     * claims them with a CAS of head. If the CAS fails, another consumer (or the owner) took them
     * first and the copies are thrown away; a copy may be stale only when the CAS must fail.
     *
     * runqgrab reads head and tail without a common snapshot, so it may see a tail that moved past
     * a head it read earlier: n > 128 (more than half of a full ring) can only come from such a
     * torn read, and it retries.
     *
     * Stealing runnext is the last resort and backs off first: the victim, if running, is likely
     * about to run that G itself (a ready-then-park hand-off takes far less than 3 us).
     */
    public static final int SIZE = 256; // must be a power of two

    private final P pp;                      // owner
    private final Uint32 head = new Uint32(); // next slot to take; CAS by any consumer
    private final Uint32 tail = new Uint32(); // next slot to fill; written by the owner only
    private final G[] runq = new G[SIZE];
    private final Pointer<G> runnext = new Pointer<>(); // set by the owner; cleared by CAS by anyone
    private final G[] batch = new G[SIZE / 2 + 1];     // runqputslow's scratch; owner only
    private boolean inheritTime;              // runqget's second result; owner only

    public RunQueue(P pp) {
        this.pp = pp;
    }

    /**
     * Puts gp on the queue: in {@code runnext} when {@code next} (kicking the old occupant to the
     * tail), else at the tail; spills half the ring to the global queue when full.
     * Executed only by the owner P.
     */
    @Override
    public void runqput(G gp, boolean next) {
        // SOLUTION runqput: Afterwards gp is queued exactly once, even with thieves taking meanwhile: in runnext when next (the G it displaced, if any, now at the tail of the ring), else at the tail of the ring. A full ring first moves half of itself and the new G to the global queue (runqputslow). Owner P only. | book: scheduler#runqput
        if (next) {
            G old;
            do {
                old = runnext.load();
            } while (!runnext.cas(old, gp));
            if (old == null) {
                return;
            }
            gp = old; // kick the old runnext out to the regular queue
        }
        for (;;) {
            int h = head.loadAcq(); // synchronize with consumers
            int t = tail.load();
            if (t - h < SIZE) {
                runq[t & (SIZE - 1)] = gp;
                tail.storeRel(t + 1); // makes the slot available for consumption
                return;
            }
            if (runqputslow(gp, h, t)) {
                return;
            }
            // the queue is not full now: the put above must succeed
        }
        // END SOLUTION
    }

    /** Moves gp and half of the full ring to the global queue in one batch. Owner only. */
    private boolean runqputslow(G gp, int h, int t) {
        // SOLUTION runqputslow: With the ring full (256 Gs), moves its older 128 and gp to the global queue in one batch, linked in order, and returns true; returns false and moves nothing if a thief took from the ring meanwhile. No lock held afterwards. Throws "runqputslow: queue is not full" if the ring does not hold 256. | book: scheduler#runqputslow
        int n = (t - h) / 2;
        if (n != SIZE / 2) {
            throw Panic.throw_("runqputslow: queue is not full");
        }
        for (int i = 0; i < n; i++) {
            batch[i] = runq[(h + i) & (SIZE - 1)];
        }
        if (!head.cas(h, h + n)) { // commits the consume
            return false;
        }
        batch[n] = gp;
        for (int i = 0; i < n; i++) {
            batch[i].schedlink = batch[i + 1];
        }
        Sched sched = pp.rt.sched;
        lock(sched.lock);
        globrunqputbatch(sched, batch[0], batch[n], n + 1);
        unlock(sched.lock);
        java.util.Arrays.fill(batch, null);
        return true;
        // END SOLUTION
    }

    /**
     * Takes a G: {@code runnext} first, then the head of the ring; null when empty. After a
     * non-null result {@link #inheritTime()} says whether it came from runnext. Owner only.
     */
    @Override
    public G runqget() {
        // SOLUTION runqget: Returns runnext if set, else the oldest G of the ring, else null; a G is returned once, even against thieves. Afterwards inheritTime() says whether it came from runnext. | book: scheduler#runqget
        // If there's a runnext, it's the next G to run. Only the owner sets runnext, but others
        // may clear it by stealing, so a CAS is needed.
        G next = runnext.load();
        if (next != null && runnext.cas(next, null)) {
            inheritTime = true;
            return next;
        }
        inheritTime = false;
        for (;;) {
            int h = head.loadAcq(); // synchronize with other consumers
            int t = tail.load();
            if (t == h) {
                return null;
            }
            G gp = runq[h & (SIZE - 1)];
            if (head.cas(h, h + 1)) { // commits the consume
                return gp;
            }
        }
        // END SOLUTION
    }

    /** Whether the last G from {@link #runqget} came from runnext (it inherits the time slice). */
    @Override
    public boolean inheritTime() {
        return inheritTime;
    }

    /**
     * Grabs ceil(half) of this queue's Gs into {@code batch} starting at {@code batchHead}, or this
     * queue's runnext when the ring is empty and {@code stealRunNextG}. Returns how many. Any P.
     */
    @Override
    public int runqgrab(G[] into, int batchHead, boolean stealRunNextG) {
        // SOLUTION runqgrab: Moves ceil(half) of the ring (the oldest, never more than 128) into batch from batchHead and returns how many, each G taken once even against other takers. With the ring empty and stealRunNextG, takes runnext instead, after 3 us when this P is running (it is likely about to run it). | book: scheduler#runqsteal
        for (;;) {
            int h = head.loadAcq();
            int t = tail.loadAcq();
            int n = t - h;
            n = n - n / 2;
            if (n == 0) {
                if (stealRunNextG) {
                    G next = runnext.load();
                    if (next != null) {
                        if (pp.status.load() == P._Prunning) {
                            // pp is running and is likely about to run next itself: let it.
                            pp.rt.os.usleep(3);
                        }
                        if (!runnext.cas(next, null)) {
                            continue;
                        }
                        into[batchHead & (SIZE - 1)] = next;
                        return 1;
                    }
                }
                return 0;
            }
            if (n > SIZE / 2) { // read inconsistent h and t
                continue;
            }
            for (int i = 0; i < n; i++) {
                into[(batchHead + i) & (SIZE - 1)] = runq[(h + i) & (SIZE - 1)];
            }
            if (head.cas(h, h + n)) { // commits the consume
                return n;
            }
        }
        // END SOLUTION
    }

    /**
     * Steals half of {@code victim}'s Gs into this (the thief's) queue and returns one of them to
     * run, or null. Executed only by this queue's owner.
     */
    @Override
    public G runqsteal(RunQueuePart victim, boolean stealRunNextG) {
        // SOLUTION runqsteal: Steals from victim into this ring (runqgrab at its tail): returns one stolen G to run and publishes the others at the tail; null if there was nothing. Throws "runqsteal: runq overflow" if they would not fit. | book: scheduler#runqsteal
        int t = tail.load();
        int n = victim.runqgrab(runq, t, stealRunNextG);
        if (n == 0) {
            return null;
        }
        n--;
        G gp = runq[(t + n) & (SIZE - 1)];
        if (n == 0) {
            return gp;
        }
        int h = head.loadAcq();
        if (t - h + n >= SIZE) {
            throw Panic.throw_("runqsteal: runq overflow");
        }
        tail.storeRel(t + n); // makes the stolen Gs available for consumption
        return gp;
        // END SOLUTION
    }

    /**
     * Whether the queue holds no G, runnext included. Reads tail twice so that a G moving from
     * runnext to the ring between the reads is not missed. Any P.
     */
    @Override
    public boolean runqempty() {
        // SOLUTION runqempty: Whether the queue, runnext included, held no G at one instant: never true while a G moves from runnext to the ring. | book: scheduler#runqput
        for (;;) {
            int h = head.load();
            int t = tail.load();
            G next = runnext.load();
            if (t == tail.load()) {
                return h == t && next == null;
            }
        }
        // END SOLUTION
    }

    /** How many Gs are in the ring (not counting runnext). A racy hint off the owner. */
    @Override
    public int size() {
        return tail.load() - head.load();
    }
}
