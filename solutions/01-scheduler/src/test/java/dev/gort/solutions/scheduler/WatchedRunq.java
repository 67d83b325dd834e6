package dev.gort.solutions.scheduler;

import dev.gort.chapters.scheduler.Chapter01;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.part.RunQueuePart;
import dev.gort.runtime.sched.RunQueue;

/**
 * The reference run queue (Go: proc.go runqput ... runqsteal) with a window on the thieves that
 * take from it: every {@code runqgrab} on a P's queue is recorded by victim ('T' when the thief
 * may take runnext, '-' when not), and while {@link Thieves#hold()} is on, a thief waits inside
 * its first grab until {@link Thieves#release()}: an M stuck there still counts as spinning. So a
 * findrunnable test can see where a spinning M looks, and how many Ms look at once, without
 * relying on timing. Used on the simulated OS only; thieves are Ms on g0, so they wait in the OS.
 */
final class WatchedRunq implements RunQueuePart {
    /** What every watched queue of one runtime shares. */
    static final class Thieves {
        private final Uint32 held = new Uint32();
        private final Uint32 waiting = new Uint32();          // thieves that waited while held
        private final StringBuilder[] grabs = new StringBuilder[Gort.MAX_GOMAXPROCS];
        private Gort rt;

        /** Chapter 01's findrunnable part in a runtime whose run queues are watched by this. */
        Gort sim(int procs, long seed) {
            rt = Harness.sim(Chapter01.config("findrunnable", procs).parts(
                    Chapter01.parts("findrunnable").runq(pp -> new WatchedRunq(pp, this))), seed, 5_000_000);
            return rt;
        }

        void hold() {
            held.store(1);
        }

        void release() {
            held.store(0);
            rt.os.futexwakeup(held, Integer.MAX_VALUE);
        }

        /** Thieves that have waited in a held grab so far. */
        int waiting() {
            return (int) waiting.load();
        }

        /** The grabs on P id's queue so far, oldest first: T may take runnext, - may not. */
        String grabs(int id) {
            StringBuilder sb = grabs[id];
            return sb == null ? "" : sb.toString();
        }

        /** Forgets the grabs recorded so far. */
        void clear() {
            java.util.Arrays.fill(grabs, null);
        }
    }

    private final RunQueue q;
    private final P pp;
    private final Thieves thieves;

    private WatchedRunq(P pp, Thieves thieves) {
        this.q = new RunQueue(pp);
        this.pp = pp;
        this.thieves = thieves;
    }

    @Override
    public int runqgrab(G[] batch, int batchHead, boolean stealRunNextG) {
        StringBuilder sb = thieves.grabs[pp.id];
        if (sb == null) {
            sb = thieves.grabs[pp.id] = new StringBuilder();
        }
        sb.append(stealRunNextG ? 'T' : '-');
        if (thieves.held.load() != 0) {
            thieves.waiting.add(1);
            while (thieves.held.load() != 0) {
                pp.rt.os.futexsleep(thieves.held, 1, -1);
            }
        }
        return q.runqgrab(batch, batchHead, stealRunNextG);
    }

    @Override
    public void runqput(G gp, boolean next) {
        q.runqput(gp, next);
    }

    @Override
    public G runqget() {
        return q.runqget();
    }

    @Override
    public boolean inheritTime() {
        return q.inheritTime();
    }

    @Override
    public G runqsteal(RunQueuePart victim, boolean stealRunNextG) {
        return q.runqsteal(victim, stealRunNextG);
    }

    @Override
    public boolean runqempty() {
        return q.runqempty();
    }

    @Override
    public int size() {
        return q.size();
    }
}
