// Generated from runtime/src/main/java/dev/gort/runtime/lock/Parking.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 8d993a12100623bd
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
        throw new Todo("gopark", "Holding m.locks, check that curg is the running user G (else throw \"gopark: bad g status\"), stash unlockf and lock in m.waitunlockf/m.waitlock and the reason in g.waitreason, then mcall(parkM).", "synchronization#park");
    }

    /** Go: park_m, on g0. Continues gopark on the system stack. */
    private static boolean parkM(M mp, G gp) {
        throw new Todo("park_m", "On g0: _Grunning -> _Gwaiting, detach G and M (dropg), then call unlockf(gp, lock). If it returns false, make the G runnable again and execute it at once (return true to resume it); otherwise return false so the M schedules another G.", "synchronization#park");
    }

    /** Go: ready. Marks gp ready to run, in runnext of mp's P when {@code next}. */
    @Override
    public void ready(M mp, G gp, boolean next) {
        throw new Todo("ready", "Holding m.locks: gp must be _Gwaiting (else dumpgstatus and throw \"bad g->status in ready\"); make it _Grunnable, runqput it on m's P (in runnext when next) and wakep.", "synchronization#park");
    }

    private static void dumpgstatus(G gp) {
        G thisg = Switch.getg();
        Panic.print("runtime: gp: gp=" + gp + ", goid=" + gp.goid + ", gp->atomicstatus="
                + gp.readgstatus() + "\n");
        Panic.print("runtime: getg:  g=" + thisg + ", goid=" + thisg.goid + ",  g->atomicstatus="
                + thisg.readgstatus() + "\n");
    }
}
