package dev.gort.runtime.lock;

import static dev.gort.runtime.G._Grunnable;
import static dev.gort.runtime.G._Grunning;
import static dev.gort.runtime.G._Gwaiting;
import static dev.gort.runtime.sched.Proc.casgstatus;
import static dev.gort.runtime.sched.Proc.execute;
import static dev.gort.runtime.sched.Proc.wakep;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.trace.Tracer;

/**
 * Parking and readying goroutines: the reference algorithm behind {@link Park}.
 *
 * <p>Go: proc.go {@code gopark}, {@code park_m}, {@code ready}.
 */
public final class Parking implements dev.gort.runtime.part.ParkPart {
    /** Go: gopark. Parks the user G running on mp; unlockf runs on g0 once it is waiting. */
    @Override
    public void gopark(M mp, UnlockFunc unlockf, Object lock, WaitReason reason) {
        // SOLUTION gopark: Parks the running user G: its M goes on running other Gs, and unlockf(gp, lock) runs only once the G is off its M (if it returns false the G resumes at once). Returns when the G is readied and runs again. Throws "gopark: bad g status" unless called on the running user G. | book: synchronization#park
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
        Switch.mcall(mp, Parking::parkM);
        // END SOLUTION
    }

    /** Go: park_m, on g0. Continues gopark on the system stack. */
    private static boolean parkM(M mp, G gp) {
        // SOLUTION park_m: On g0: the G is _Gwaiting and off its M, then unlockf(gp, lock) runs; returns true to resume the G at once (unlockf said false, so it is runnable again), false to schedule another G. | book: synchronization#park
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_PARK, gp.goid, mp.p.id, gp.waitreason.ordinal());
        }
        // N.B. gp's status must become Gwaiting before unlockf runs, or a waker could see the G
        // published but still Grunning and fail in ready.
        casgstatus(gp, _Grunning, _Gwaiting);
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
                execute(mp, gp, true); // Schedule it back, never returns.
                return true;
            }
        }
        return false;
        // END SOLUTION
    }

    /** Go: ready. Marks gp ready to run, in runnext of mp's P when {@code next}. */
    @Override
    public void ready(M mp, G gp, boolean next) {
        // SOLUTION ready: Afterwards gp is _Grunnable on this P (in runnext when next) and an idle P, if any, is being woken to run work. Throws "bad g->status in ready" (after dumping gp's status) unless gp was _Gwaiting. | book: synchronization#park
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
        wakep(rt);
        mp.locks--;
        // END SOLUTION
    }

    private static void dumpgstatus(G gp) {
        G thisg = Switch.getg();
        Panic.print("runtime: gp: gp=" + gp + ", goid=" + gp.goid + ", gp->atomicstatus="
                + gp.readgstatus() + "\n");
        Panic.print("runtime: getg:  g=" + thisg + ", goid=" + thisg.goid + ",  g->atomicstatus="
                + thisg.readgstatus() + "\n");
    }
}
