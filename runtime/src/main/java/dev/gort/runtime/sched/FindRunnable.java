package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.sched.Proc.acquirep;
import static dev.gort.runtime.sched.Proc.gcstopm;
import static dev.gort.runtime.sched.Proc.globrunqget;
import static dev.gort.runtime.sched.Proc.pidlegetSpinning;
import static dev.gort.runtime.sched.Proc.pidleput;
import static dev.gort.runtime.sched.Proc.releasep;
import static dev.gort.runtime.sched.Proc.stopm;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.part.FindRunnablePart;
import dev.gort.runtime.trace.Tracer;

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
        // SOLUTION findRunnable: Returns a runnable G, looking in Go's order (one G from the global queue every 61st schedtick; runnext and the ring; the global queue; other Ps, spinning only while fewer than half the busy Ps have spinning Ms), with r.inheritTime true only for runnext's G; a pending stop-the-world is served first. With nothing to run the M gives up its P and sleeps (stopm) until woken, and work that arrived while it spun is never left behind. Never returns null. | book: scheduler#findrunnable
        Sched sched = mp.rt.sched;
        top:
        for (;;) {
            P pp = mp.p;
            r.inheritTime = false;
            if (sched.gcwaiting.load()) {
                gcstopm(mp);
                continue;
            }

            // Check the global runnable queue once in a while to ensure fairness.
            if (pp.schedtick % FAIRNESS_TICKS == 0 && sched.runq.size() > 0) {
                lock(sched.lock);
                G gp = globrunqget(pp, 1);
                unlock(sched.lock);
                if (gp != null) {
                    return gp;
                }
            }

            // local runq
            G gp = pp.runq.runqget();
            if (gp != null) {
                r.inheritTime = pp.runq.inheritTime();
                return gp;
            }

            // global runq
            if (sched.runq.size() != 0) {
                lock(sched.lock);
                gp = globrunqget(pp, 0);
                unlock(sched.lock);
                if (gp != null) {
                    return gp;
                }
            }

            // Spinning Ms: steal work from other Ps. Limit the number of spinning Ms to half the
            // number of busy Ps, so that CPU is not burnt when GOMAXPROCS >> 1 but parallelism is low.
            if (mp.spinning || 2 * sched.nmspinning.load() < sched.gomaxprocs() - sched.npidle.load()) {
                if (!mp.spinning) {
                    becomeSpinning(mp); // and a pending needspinning request is met
                }
                gp = stealWork(mp);
                if (gp != null) {
                    return gp;
                }
                if (sched.gcwaiting.load()) {
                    continue; // a stop-the-world began: stop for it at the top
                }
            }

            // We have nothing to do: give up the P. Snapshot allp and the idle mask first, since
            // once the P is released they may change under a stop-the-world.
            P[] allpSnapshot = sched.allp();
            PMask idlepMaskSnapshot = sched.idlepMask();

            lock(sched.lock);
            if (sched.gcwaiting.load()) {
                unlock(sched.lock);
                continue;
            }
            if (sched.runq.size() != 0) {
                gp = globrunqget(pp, 0);
                unlock(sched.lock);
                return gp;
            }
            if (!mp.spinning && sched.needspinning.load() == 1) {
                // See "Delicate dance" below.
                sched.needspinning.store(0);
                mp.spinning = true;
                sched.nmspinning.add(1);
                unlock(sched.lock);
                continue;
            }
            if (releasep(mp) != pp) {
                throw Panic.throw_("findrunnable: wrong p");
            }
            pidleput(pp);
            unlock(sched.lock);

            // Delicate dance: the M is leaving the spinning state. Work submitted while it still
            // counted as spinning did not wake a new M (wakep saw a spinner), so after dropping the
            // count it must look at every queue again; otherwise that work could sit unnoticed
            // with all Ms parked. nmspinning's decrement and the re-reads below are both atomic,
            // and a submitter does put-then-check, so one side always sees the other.
            boolean wasSpinning = mp.spinning;
            if (wasSpinning) {
                mp.spinning = false;
                if (sched.nmspinning.add(-1) < 0) {
                    throw Panic.throw_("findrunnable: negative nmspinning");
                }
                // Check the global runq again.
                lock(sched.lock);
                if (sched.runq.size() != 0) {
                    P pp2 = pidlegetSpinning(sched);
                    if (pp2 != null) {
                        gp = globrunqget(pp2, 0);
                        if (gp == null) {
                            throw Panic.throw_("global runq empty with non-zero runqsize");
                        }
                        unlock(sched.lock);
                        acquirep(mp, pp2);
                        becomeSpinning(mp);
                        return gp;
                    }
                }
                unlock(sched.lock);

                P pp2 = checkRunqsNoP(allpSnapshot, idlepMaskSnapshot);
                if (pp2 != null) {
                    acquirep(mp, pp2);
                    becomeSpinning(mp);
                    continue top;
                }
            }
            stopm(mp);
        }
        // END SOLUTION
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
        // SOLUTION stealWork: Returns a G stolen from another non-idle P (4 passes in a random order; only the last may take runnext), or null; null at once when a stop-the-world begins (sched.gcwaiting). | book: scheduler#steal
        P pp = mp.p;
        Sched sched = mp.rt.sched;
        P[] allp = sched.allp();
        PMask idle = sched.idlepMask();
        RandomOrder order = sched.stealOrder();
        int n = allp.length;
        if (order.count() != n) {
            return null; // procresize is replacing allp; try again from the top
        }
        for (int i = 0; i < STEAL_TRIES; i++) {
            boolean stealRunNextG = i == STEAL_TRIES - 1;
            int r = mp.cheaprand();
            int inc = order.inc(r);
            for (int k = 0, pos = order.start(r); k < n; k++, pos = (pos + inc) % n) {
                if (sched.gcwaiting.load()) {
                    return null; // findRunnable stops for the world first
                }
                P p2 = allp[pos];
                if (pp == p2) {
                    continue;
                }
                // Don't bother to attempt to steal if p2 is idle.
                if (!idle.read(p2.id)) {
                    G gp = pp.runq.runqsteal(p2.runq, stealRunNextG);
                    if (gp != null) {
                        pp.steals++;
                        Gort rt = mp.rt;
                        if (rt.tracing) {
                            rt.tracer.event(mp, Tracer.STEAL, gp.goid, pp.id, p2.id);
                        }
                        return gp;
                    }
                }
            }
        }
        return null;
        // END SOLUTION
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
