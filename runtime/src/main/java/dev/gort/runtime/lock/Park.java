package dev.gort.runtime.lock;

import static dev.gort.runtime.G._Grunnable;
import static dev.gort.runtime.G._Grunning;
import static dev.gort.runtime.G._Gwaiting;
import static dev.gort.runtime.sched.Proc.casgstatus;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.sched.Schedule;
import dev.gort.runtime.sched.Threads;
import dev.gort.runtime.trace.Tracer;

/**
 * Parking and readying goroutines: the wait that blocks only the G. Its M goes on to run others.
 *
 * <p>Go: proc.go {@code gopark}, {@code goparkunlock}, {@code park_m}, {@code goready},
 * {@code ready}.
 *
 * <p>The race to get right is the lost wakeup: a G that decides to wait must become findable by its
 * waker only once it is really parked. gopark therefore switches to g0 first, marks the G
 * {@code _Gwaiting}, and only then calls {@code unlockf}, which publishes the G (or releases the
 * lock the waker needs). From that moment the waker may ready it, even before park_m returns; if
 * unlockf returns false (the event already happened) the G is resumed at once.
 */
public final class Park {
    private Park() {}

    private static final UnlockFunc PARKUNLOCK_C = (gp, lock) -> {
        Mutex.unlock((Mutex) lock);
        return true;
    };

    /**
     * Go: gopark. Puts the current goroutine into a waiting state and calls unlockf on the system
     * stack; the goroutine runs again after someone calls {@link #goready} on it.
     */
    public static void gopark(UnlockFunc unlockf, Object lock, WaitReason reason) {
        gopark(Switch.getm(), unlockf, lock, reason);
    }

    /** gopark from a caller that knows its M ({@code mp}: the M running the caller now). */
    public static void gopark(M mp, UnlockFunc unlockf, Object lock, WaitReason reason) {
        mp.locks++; // acquirem
        G gp = mp.curg;
        if (gp == null || mp.g != gp) {
            M.releasem(mp);
            throw Panic.throw_("gopark: not on a user goroutine");
        }
        if (gp.readgstatus() != _Grunning) {
            throw Panic.throw_("gopark: bad g status");
        }
        mp.waitlock = lock;
        mp.waitunlockf = unlockf;
        gp.waitreason = reason;
        M.releasem(mp);
        // can't do anything that might move the G between Ms here.
        Switch.mcall(mp, Park::parkM);
    }

    /** Go: goparkunlock. Parks and unlocks the runtime mutex {@code lock} once parked. */
    public static void goparkunlock(Mutex lock, WaitReason reason) {
        gopark(PARKUNLOCK_C, lock, reason);
    }

    /** Go: park_m, on g0. Continues gopark on the system stack. */
    private static boolean parkM(M mp, G gp) {
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_PARK, gp.goid, mp.p.id, gp.waitreason.ordinal());
        }
        // N.B. gp's status must become Gwaiting before unlockf runs, or a waker could see the G
        // published but still Grunning and fail in ready.
        casgstatus(gp, _Grunning, _Gwaiting);
        gp.waitsince = rt.os.nanotime();
        mp.curg = null;
        gp.m = null;
        UnlockFunc fn = mp.waitunlockf;
        if (fn != null) {
            boolean ok = fn.unlock(gp, mp.waitlock);
            mp.waitunlockf = null;
            mp.waitlock = null;
            if (!ok) {
                if (rt.tracing) {
                    rt.tracer.event(mp, Tracer.GO_UNPARK, gp.goid, mp.p.id, 0);
                }
                casgstatus(gp, _Gwaiting, _Grunnable);
                Schedule.execute(mp, gp, true); // Schedule it back, never returns.
                return true;
            }
        }
        return false;
    }

    /**
     * Go: goready. Makes a waiting goroutine runnable: it goes to the current P's runnext, so it
     * runs as soon as the caller blocks or yields, inheriting the time slice.
     */
    public static void goready(G gp) {
        ready(Switch.getm(), gp, true);
    }

    /** goready from a caller that knows its M ({@code mp}: the M running the caller now). */
    public static void goready(M mp, G gp) {
        ready(mp, gp, true);
    }

    /** Go: ready. Marks gp ready to run. */
    static void ready(M mp, G gp, boolean next) {
        if (mp == null || mp.rt != gp.rt) {
            throw new IllegalStateException("goready must be called from a goroutine (or the system"
                    + " stack) of the runtime that owns " + gp);
        }
        int status = gp.readgstatus();
        // Mark runnable.
        mp.locks++; // disable preemption because it can be holding p in a local var
        if (status != _Gwaiting) {
            dumpgstatus(gp);
            throw Panic.throw_("bad g->status in ready");
        }
        // status is Gwaiting or Gscanwaiting, make Grunnable and put on runq
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_UNPARK, gp.goid, mp.p == null ? -1 : mp.p.id, 1);
        }
        casgstatus(gp, _Gwaiting, _Grunnable);
        if (mp.p == null) {
            mp.locks--;
            throw Panic.throw_("ready: no p");
        }
        mp.p.runq.runqput(gp, next);
        Threads.wakep(rt);
        mp.locks--;
    }

    private static void dumpgstatus(G gp) {
        G thisg = Switch.getg();
        Panic.print("runtime: gp: gp=" + gp + ", goid=" + gp.goid + ", gp->atomicstatus="
                + gp.readgstatus() + "\n");
        Panic.print("runtime: getg:  g=" + thisg + ", goid=" + thisg.goid + ",  g->atomicstatus="
                + thisg.readgstatus() + "\n");
    }
}
