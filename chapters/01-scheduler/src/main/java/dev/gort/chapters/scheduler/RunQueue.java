// Generated from runtime/src/main/java/dev/gort/runtime/sched/RunQueue.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: c068a1a1ab8c88c6
package dev.gort.chapters.scheduler;


import dev.gort.runtime.G;
import dev.gort.runtime.P;
import dev.gort.runtime.atomic.Pointer;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.part.RunQueuePart;
import dev.gort.runtime.part.Todo;

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
        throw new Todo("runqput", "Afterwards gp is queued exactly once, even with thieves taking meanwhile: in runnext when next (the G it displaced, if any, now at the tail of the ring), else at the tail of the ring. A full ring first moves half of itself and the new G to the global queue (runqputslow). Owner P only.", "scheduler#runqput");
    }

    /** Moves gp and half of the full ring to the global queue in one batch. Owner only. */
    private boolean runqputslow(G gp, int h, int t) {
        throw new Todo("runqputslow", "With the ring full (256 Gs), moves its older 128 and gp to the global queue in one batch, linked in order, and returns true; returns false and moves nothing if a thief took from the ring meanwhile. No lock held afterwards. Throws \"runqputslow: queue is not full\" if the ring does not hold 256.", "scheduler#runqputslow");
    }

    /**
     * Takes a G: {@code runnext} first, then the head of the ring; null when empty. After a
     * non-null result {@link #inheritTime()} says whether it came from runnext. Owner only.
     */
    @Override
    public G runqget() {
        throw new Todo("runqget", "Returns runnext if set, else the oldest G of the ring, else null; a G is returned once, even against thieves. Afterwards inheritTime() says whether it came from runnext.", "scheduler#runqget");
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
        throw new Todo("runqgrab", "Moves ceil(half) of the ring (the oldest, never more than 128) into batch from batchHead and returns how many, each G taken once even against other takers. With the ring empty and stealRunNextG, takes runnext instead, after 3 us when this P is running (it is likely about to run it).", "scheduler#runqsteal");
    }

    /**
     * Steals half of {@code victim}'s Gs into this (the thief's) queue and returns one of them to
     * run, or null. Executed only by this queue's owner.
     */
    @Override
    public G runqsteal(RunQueuePart victim, boolean stealRunNextG) {
        throw new Todo("runqsteal", "Steals from victim into this ring (runqgrab at its tail): returns one stolen G to run and publishes the others at the tail; null if there was nothing. Throws \"runqsteal: runq overflow\" if they would not fit.", "scheduler#runqsteal");
    }

    /**
     * Whether the queue holds no G, runnext included. Reads tail twice so that a G moving from
     * runnext to the ring between the reads is not missed. Any P.
     */
    @Override
    public boolean runqempty() {
        throw new Todo("runqempty", "Whether the queue, runnext included, held no G at one instant: never true while a G moves from runnext to the ring.", "scheduler#runqput");
    }

    /** How many Gs are in the ring (not counting runnext). A racy hint off the owner. */
    @Override
    public int size() {
        return tail.load() - head.load();
    }
}
