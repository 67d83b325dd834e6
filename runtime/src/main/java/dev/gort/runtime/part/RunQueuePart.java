package dev.gort.runtime.part;

import dev.gort.runtime.G;

/**
 * A P's local run queue: runnext plus a ring of runnable Gs. Go: proc.go runqput ... runqsteal.
 * The owner P puts and gets; other Ps steal. Reference: {@code dev.gort.runtime.sched.RunQueue}.
 */
public interface RunQueuePart {
    /*
     * Capacities (Go's, part of the contract): the ring holds 256 Gs (RunQueue.SIZE, a power of
     * two); runnext holds one more. A runqput on a full ring moves half of it, 128 Gs, plus the new
     * one to the global queue in one batch (runqputslow). A steal takes half of the victim's ring,
     * rounded up, and never more than 128.
     */
    /** Puts gp in runnext when {@code next}, else at the tail; spills to the global queue when full. Owner only. */
    void runqput(G gp, boolean next);

    /** Takes runnext, else the head of the ring; null when empty. Owner only. */
    G runqget();

    /** Whether the last G from {@link #runqget} came from runnext. Owner only. */
    boolean inheritTime();

    /** Grabs ceil(half) of this queue into {@code batch} from {@code batchHead} (or runnext); returns how many. Any P. */
    int runqgrab(G[] batch, int batchHead, boolean stealRunNextG);

    /** Steals half of victim's Gs into this queue and returns one to run, or null. Owner only. */
    G runqsteal(RunQueuePart victim, boolean stealRunNextG);

    /** Whether the queue, runnext included, holds no G. Any P. */
    boolean runqempty();

    /** Gs in the ring, runnext not counted (a hint off the owner). */
    int size();
}
