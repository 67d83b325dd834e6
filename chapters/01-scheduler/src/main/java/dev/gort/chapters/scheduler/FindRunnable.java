// Generated from runtime/src/main/java/dev/gort/runtime/sched/FindRunnable.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 5accf7efa0c963d7
package dev.gort.chapters.scheduler;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.sched.Proc.pidlegetSpinning;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.part.FindRunnablePart;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.sched.PMask;
import dev.gort.runtime.sched.Sched;

/**
 * Where an M's next G comes from: Go's {@code findRunnable} and {@code stealWork}.
 *
 * <p>Go: proc.go {@code findRunnable}, {@code stealWork}, {@code checkRunqsNoP}.
 *
 * <p>It looks in Go's order: every 61st tick one G from the global queue first (so Gs that keep
 * readying each other through runnext cannot starve it); then the local queue (runnext first);
 * then the global queue; then, if not too many Ms are already spinning, it steals from other Ps:
 * 4 passes over all Ps in a random order, taking half of a victim's queue, and runnext only in the
 * last pass. With nothing found it gives up its P and parks the M (stopm); a spinning M that gives
 * up re-checks every queue afterwards, because the work that would have woken a new spinning M may
 * have arrived while it still counted as spinning.
 */
public final class FindRunnable implements FindRunnablePart {
    static final int STEAL_TRIES = 4;
    static final int FAIRNESS_TICKS = 61;

    /**
     * Go: findRunnable. Finds a runnable G for this M, stealing from other Ps if needed; blocks
     * (stopm) when there is none. Sets {@code r.inheritTime} beside the result.
     */
    @Override
    public G findRunnable(M mp, Result r) {
        throw new Todo("findRunnable", "Returns a runnable G, looking in Go's order (one G from the global queue every 61st schedtick; runnext and the ring; the global queue; other Ps, spinning only while fewer than half the busy Ps have spinning Ms), with r.inheritTime true only for runnext's G; a pending stop-the-world is served first. With nothing to run the M gives up its P and sleeps (stopm) until woken, and work that arrived while it spun is never left behind. Never returns null.", "scheduler#findrunnable");
    }

    private static void becomeSpinning(M mp) {
        mp.spinning = true;
        mp.rt.sched.nmspinning.add(1);
        mp.rt.sched.needspinning.store(0);
    }

    /**
     * Go: stealWork. Tries to steal a G from any P: 4 passes over all Ps in a random order; only the
     * last pass may take a victim's runnext. Returns null at once if a stop-the-world begins.
     */
    static G stealWork(M mp) {
        throw new Todo("stealWork", "Returns a G stolen from another non-idle P (4 passes in a random order; only the last may take runnext), or null; null at once when a stop-the-world begins (sched.gcwaiting).", "scheduler#steal");
    }

    /**
     * Go: checkRunqsNoP. After the M dropped its P, looks for a non-idle P with work; if there is
     * one, returns an idle P for the M to take, so that it can go and steal that work.
     */
    static P checkRunqsNoP(P[] allpSnapshot, PMask idlepMaskSnapshot) {
        for (P p2 : allpSnapshot) {
            if (!idlepMaskSnapshot.read(p2.id) && !p2.runq.runqempty()) {
                Sched sched = p2.rt.sched;
                lock(sched.lock);
                P pp = pidlegetSpinning(sched);
                unlock(sched.lock);
                return pp; // null: no idle P, so some M is running and will find the work
            }
        }
        return null;
    }
}
