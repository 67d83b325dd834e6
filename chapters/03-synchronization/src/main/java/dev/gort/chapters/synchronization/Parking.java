// Generated from runtime/src/main/java/dev/gort/runtime/lock/Parking.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: f58901c6c8f586e0
package dev.gort.chapters.synchronization;


import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.lock.Park;
import dev.gort.runtime.part.Todo;

/**
 * Parking and readying goroutines: the reference algorithm behind {@link Park}.
 *
 * <p>Go: proc.go {@code gopark}, {@code park_m}, {@code ready}.
 */
public final class Parking implements dev.gort.runtime.part.ParkPart {
    /** Go: gopark. Parks the user G running on mp; unlockf runs on g0 once it is waiting. */
    @Override
    public void gopark(M mp, UnlockFunc unlockf, Object lock, WaitReason reason) {
        throw new Todo("gopark", "Parks the running user G: its M goes on running other Gs, and unlockf(gp, lock) runs only once the G is off its M (if it returns false the G resumes at once). Returns when the G is readied and runs again. Throws \"gopark: bad g status\" unless called on the running user G.", "synchronization#park");
    }

    /** Go: park_m, on g0. Continues gopark on the system stack. */
    private static boolean parkM(M mp, G gp) {
        throw new Todo("park_m", "On g0: the G is _Gwaiting and off its M, then unlockf(gp, lock) runs; returns true to resume the G at once (unlockf said false, so it is runnable again), false to schedule another G.", "synchronization#park");
    }

    /** Go: ready. Marks gp ready to run, in runnext of mp's P when {@code next}. */
    @Override
    public void ready(M mp, G gp, boolean next) {
        throw new Todo("ready", "Afterwards gp is _Grunnable on this P (in runnext when next) and an idle P, if any, is being woken to run work. Throws \"bad g->status in ready\" (after dumping gp's status) unless gp was _Gwaiting.", "synchronization#park");
    }

    private static void dumpgstatus(G gp) {
        G thisg = Switch.getg();
        Panic.print("runtime: gp: gp=" + gp + ", goid=" + gp.goid + ", gp->atomicstatus="
                + gp.readgstatus() + "\n");
        Panic.print("runtime: getg:  g=" + thisg + ", goid=" + thisg.goid + ",  g->atomicstatus="
                + thisg.readgstatus() + "\n");
    }
}
