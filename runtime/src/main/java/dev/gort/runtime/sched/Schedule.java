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
import dev.gort.runtime.stack.Stacks;
import dev.gort.runtime.part.FindRunnablePart;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.trace.Tracer;

/**
 * One round of scheduling: find a runnable G and run it. Go's scheduler loop.
 *
 * <p>Go: proc.go {@code schedule}, {@code execute}, {@code globrunqget}, {@code globrunqput},
 * {@code resetspinning}, {@code gosched_m}, {@code gopreempt_m}. Where the next G comes from is
 * {@link FindRunnable} (a part).
 */
public final class Schedule {
    private Schedule() {}

    // tag::schedule[]
    /**
     * Go: schedule. The M's loop on g0: find a G, run it until it switches back,
     * repeat. An M locked to a G (LockOSThread) runs only that G. Returns when the
     * M's thread ends (a locked G exited), or by OsExit when the process ends.
     */
    public static void schedule(M mp) {
        // findRunnable's results beside the G: this M's, on its g0 stack.
        FindRunnablePart.Result found = new FindRunnablePart.Result();
        for (;;) {
            if (mp.locks != 0) {
                throw Panic.throw_("schedule: holding locks");
            }
            if (mp.lockedg != null) {
                // This M runs only its locked G: wait until it is runnable.
                Threads.stoplockedm(mp);
                if (run(mp, mp.lockedg, false)) {
                    return;
                }
                continue;
            }
            P pp = mp.p;
            if (mp.spinning && !pp.runq.runqempty()) {
                throw Panic.throw_("schedule: spinning with local work");
            }
            checkTimers(mp, pp);
            // Blocks until work is available.
            G gp = mp.rt.parts.findRunnable().findRunnable(mp, found);
            // This M is no longer spinning, so wake another to replace it: the new
            // work may not be all there is, and an idle P should not stay idle
            // beside it.
            if (mp.spinning) {
                resetspinning(mp);
            }
            if (gp.lockedm != null) {
                // Hand our P to the G's own M, then wait for a new P.
                Threads.startlockedm(mp, gp);
                continue;
            }
            if (run(mp, gp, found.inheritTime)) {
                return;
            }
        }
    }
    // end::schedule[]

    /**
     * Runs gp on mp until it switches back to g0. Returns true when the M's thread
     * must end: gp exited while locked to it (goexit0 then asked for mexit).
     */
    private static boolean run(M mp, G gp, boolean inheritTime) {
        execute(mp, gp, inheritTime);
        Switch.gogo(mp, gp);
        if (!mp.exitThread) {
            return false;
        }
        Threads.mexit(mp);
        return true;
    }

    // tag::checkTimers[]
    /**
     * Runs the due timers before looking for a G, as Go 1.14's schedule did: this
     * P's, and when it has nothing queued (and neither has the global queue) the
     * other Ps' too, the timer half of stealWork. The Gs they ready go to this P.
     */
    static void checkTimers(M mp, P pp) {
        pp.timers.check(0);
        if (pp.runq.runqempty() && mp.rt.sched.runq.size() == 0) {
            Timers.stealTimers(mp, 0);
        }
    }
    // end::checkTimers[]

    // tag::execute[]
    /**
     * Go: execute. Makes gp the M's current G and marks it running. When
     * inheritTime, gp takes over the current time slice (the P's schedtick does not
     * advance). The caller then switches to it.
     */
    static void execute(M mp, G gp, boolean inheritTime) {
        mp.curg = gp;
        gp.m = mp;
        casgstatus(gp, _Grunnable, _Grunning);
        gp.waitsince = 0;
        gp.preempt = false;
        // a fresh guard drops any preemption request, as in Go
        gp.stackguard0 = gp.stackLo + Stacks.STACK_GUARD;
        P pp = mp.p;
        if (!inheritTime) {
            pp.schedtick++;
        }
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_START, gp.goid, pp.id, 0);
        }
    }
    // end::execute[]


    // tag::globrunqget[]
    /**
     * Go: globrunqget. Takes a batch of Gs from the global queue: returns one and
     * puts the rest on pp's local queue. At most {@code max} when max > 0, and at
     * most half a local queue.
     */
    static G globrunqget(P pp, int max) {
        Sched sched = pp.rt.sched;
        Mutex.assertLockHeld(sched.lock);
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
    // end::globrunqget[]

    /** Go: globrunqput. Puts gp at the tail of the global queue. */
    static void globrunqput(Sched sched, G gp) {
        Mutex.assertLockHeld(sched.lock);
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

    /**
     * Go: gopreempt_m, on g0: the G running on mp was preempted at a frame prologue (newstack). As
     * Gosched, but traced as a preemption.
     */
    public static boolean gopreemptM(M mp, G gp) {
        return goschedImpl(mp, gp);
    }

    /**
     * Go: goyield. Like Gosched, but the G goes to the tail of its P's local queue instead of the
     * global one (and is traced as preempted): it gives the rest of its turn to the G in runnext.
     * Used by a semaphore's direct hand-off.
     */
    static void goyield(M mp) {
        Switch.mcall(mp, Schedule::goyieldM);
    }

    /** Go: goyield_m, on g0. */
    private static boolean goyieldM(M mp, G gp) {
        P pp = mp.p;
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_SCHED, gp.goid, pp.id, 1);
        }
        casgstatus(gp, _Grunning, _Grunnable);
        Proc.dropg(mp);
        pp.runq.runqput(gp, false);
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
