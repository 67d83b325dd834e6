package dev.gort.runtime.sched;

import static dev.gort.runtime.G._Grunnable;
import static dev.gort.runtime.G._Grunning;
import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.sched.Proc.casgstatus;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.trace.Tracer;

/**
 * One round of scheduling: find a runnable G and run it. Go's scheduler loop.
 *
 * <p>Go: proc.go {@code schedule}, {@code execute}, {@code findRunnable}, {@code stealWork},
 * {@code globrunqget}, {@code globrunqput}, {@code checkRunqsNoP}, {@code resetspinning},
 * {@code gosched_m}, {@code gopreempt_m}.
 *
 * <p>findRunnable looks in Go's order: every 61st tick one G from the global queue first (so a
 * pair of goroutines that keep readying each other through runnext cannot starve it); then the
 * local queue (runnext first); then the global queue; then, if not too many Ms are already
 * spinning, it steals from other Ps: 4 passes over all Ps in a random order, taking half of a
 * victim's queue, and runnext only in the last pass. With nothing found it gives up its P and
 * parks the M (stopm); a spinning M that gives up re-checks every queue afterwards, because the
 * work that would have woken a new spinning M may have arrived while it still counted as spinning.
 */
public final class Schedule {
    private Schedule() {}

    static final int STEAL_TRIES = 4;
    static final int FAIRNESS_TICKS = 61;

    /**
     * Go: schedule. The M's loop on g0: find a G, run it until it switches back, repeat. Returns only
     * by OsExit when the process ends.
     */
    public static void schedule(M mp) {
        for (;;) {
            if (mp.locks != 0) {
                throw Panic.throw_("schedule: holding locks");
            }
            P pp = mp.p;
            if (mp.spinning && !pp.runq.runqempty()) {
                throw Panic.throw_("schedule: spinning with local work");
            }
            G gp = findRunnable(mp); // blocks until work is available
            // This M is no longer spinning, so wake another to replace it: the new work may not
            // be all there is, and an idle P should not stay idle beside it.
            if (mp.spinning) {
                resetspinning(mp);
            }
            execute(mp, gp, mp.inheritTime);
            Switch.gogo(mp, gp);
        }
    }

    /**
     * Go: execute. Makes gp the M's current G and marks it running. When inheritTime, gp takes over
     * the current time slice (the P's schedtick does not advance). The caller then switches to it.
     */
    public static void execute(M mp, G gp, boolean inheritTime) {
        mp.curg = gp;
        gp.m = mp;
        casgstatus(gp, _Grunnable, _Grunning);
        gp.waitsince = 0;
        gp.preempt = false;
        P pp = mp.p;
        if (!inheritTime) {
            pp.schedtick++;
        }
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_START, gp.goid, pp.id, 0);
        }
    }

    /**
     * Go: findRunnable. Finds a runnable G for this M, stealing from other Ps if needed; blocks
     * (stopm) when there is none. Sets {@code mp.inheritTime} beside the result.
     */
    static G findRunnable(M mp) {
        Sched sched = mp.rt.sched;
        top:
        for (;;) {
            P pp = mp.p;
            mp.inheritTime = false;
            if (sched.gcwaiting.load()) {
                World.gcstopm(mp);
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
                mp.inheritTime = pp.runq.inheritTime();
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
            if (mp.spinning || 2 * sched.nmspinning.load() < sched.gomaxprocs - sched.npidle.load()) {
                if (!mp.spinning) {
                    mp.spinning = true;
                    sched.nmspinning.add(1);
                }
                gp = stealWork(mp);
                if (gp != null) {
                    return gp;
                }
                if (mp.stealNewWork) {
                    continue;
                }
            }

            // We have nothing to do: give up the P. Snapshot allp and the idle mask first, since
            // once the P is released they may change under a stop-the-world.
            P[] allpSnapshot = sched.allp;
            PMask idlepMaskSnapshot = sched.idlepMask;

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
            if (Threads.releasep(mp) != pp) {
                throw Panic.throw_("findrunnable: wrong p");
            }
            Threads.pidleput(pp);
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
                    P pp2 = Threads.pidlegetSpinning(sched);
                    if (pp2 != null) {
                        gp = globrunqget(pp2, 0);
                        if (gp == null) {
                            throw Panic.throw_("global runq empty with non-zero runqsize");
                        }
                        unlock(sched.lock);
                        Threads.acquirep(mp, pp2);
                        becomeSpinning(mp);
                        return gp;
                    }
                }
                unlock(sched.lock);

                P pp2 = checkRunqsNoP(allpSnapshot, idlepMaskSnapshot);
                if (pp2 != null) {
                    Threads.acquirep(mp, pp2);
                    becomeSpinning(mp);
                    continue top;
                }
            }
            Threads.stopm(mp);
        }
    }

    private static void becomeSpinning(M mp) {
        mp.spinning = true;
        mp.rt.sched.nmspinning.add(1);
        mp.rt.sched.needspinning.store(0);
    }

    /**
     * Go: stealWork. Tries to steal a G from any P: 4 passes over all Ps in a random order; only the
     * last pass may take a victim's runnext. Sets {@code mp.stealNewWork} if a stop-the-world began.
     */
    static G stealWork(M mp) {
        P pp = mp.p;
        Sched sched = mp.rt.sched;
        mp.stealNewWork = false;
        P[] allp = sched.allp;
        PMask idle = sched.idlepMask;
        RandomOrder order = sched.stealOrder;
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
                    // GC work may be available.
                    mp.stealNewWork = true;
                    return null;
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
                P pp = Threads.pidlegetSpinning(sched);
                unlock(sched.lock);
                return pp; // null: no idle P, so some M is running and will find the work
            }
        }
        return null;
    }

    /**
     * Go: globrunqget. Takes a batch of Gs from the global queue: returns one and puts the rest on
     * pp's local queue. At most {@code max} when max > 0, and at most half a local queue.
     * Must hold sched.lock.
     */
    static G globrunqget(P pp, int max) {
        Sched sched = pp.rt.sched;
        int size = sched.runq.size();
        if (size == 0) {
            return null;
        }
        int n = Math.min(size, size / sched.gomaxprocs + 1);
        if (max > 0 && n > max) {
            n = max;
        }
        if (n > RunQueue.SIZE / 2) {
            n = RunQueue.SIZE / 2;
        }
        G gp = sched.runq.pop();
        n--;
        for (; n > 0; n--) {
            pp.runq.runqput(sched.runq.pop(), false);
        }
        return gp;
    }

    /** Go: globrunqput. Puts gp at the tail of the global queue. Must hold sched.lock. */
    static void globrunqput(Sched sched, G gp) {
        sched.runq.pushBack(gp);
    }

    /** Go: resetspinning. The M found work: stop spinning and wake another spinner if needed. */
    static void resetspinning(M mp) {
        if (!mp.spinning) {
            throw Panic.throw_("resetspinning: not a spinning m");
        }
        mp.spinning = false;
        Gort rt = mp.rt;
        if (rt.sched.nmspinning.add(-1) < 0) {
            throw Panic.throw_("findrunnable: negative nmspinning");
        }
        // M wakeup policy is deliberately somewhat conservative, so check if we need to wakeup
        // another P here. See "Worker thread parking/unparking" at the top of Threads.
        Threads.wakep(rt);
    }

    /**
     * Go: goschedImpl (gosched_m and gopreempt_m), on g0. The G yields its P: it goes to the tail
     * of the global queue, so that every other runnable G gets a turn first.
     */
    static boolean goschedImpl(M mp, G gp) {
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_SCHED, gp.goid, mp.p.id, gp.preempt ? 1 : 0);
        }
        casgstatus(gp, _Grunning, _Grunnable);
        Proc.dropg(mp);
        Sched sched = rt.sched;
        lock(sched.lock);
        globrunqput(sched, gp);
        unlock(sched.lock);
        if (rt.mainStarted) {
            Threads.wakep(rt);
        }
        return false;
    }

    /** Go: Gosched. The calling goroutine (running on mp) yields the processor; it stays runnable. */
    public static void gosched(M mp) {
        Switch.mcall(mp, Schedule::goschedImpl);
    }

    /**
     * A cooperative preemption point for the user G running on mp: yields if sysmon or a
     * stop-the-world asked it to. Stands in for the stack-check prologue of Go functions until the
     * stacks chapter adds frames.
     */
    public static void checkPreempt(M mp) {
        G gp = mp.curg;
        if (gp != null && gp.preempt && mp.g == gp && mp.locks == 0) {
            Switch.mcall(mp, Schedule::goschedImpl);
        }
    }
}
