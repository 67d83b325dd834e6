// Generated from runtime/src/main/java/dev/gort/runtime/sched/Syscalls.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 16171ae726cdb8c4
package dev.gort.chapters.scheduler;

import static dev.gort.runtime.G._Grunnable;
import static dev.gort.runtime.G._Gsyscall;
import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.lock.Note.notewakeup;
import static dev.gort.runtime.sched.Proc.acquirep;
import static dev.gort.runtime.sched.Proc.casgstatus;
import static dev.gort.runtime.sched.Proc.dropg;
import static dev.gort.runtime.sched.Proc.execute;
import static dev.gort.runtime.sched.Proc.globrunqput;
import static dev.gort.runtime.sched.Proc.pidleget;
import static dev.gort.runtime.sched.Proc.stopm;
import static dev.gort.runtime.sched.Proc.wirep;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.part.SyscallPart;
import dev.gort.runtime.trace.Tracer;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.sched.Sched;

/**
 * System calls: a G leaves Go code for a call that may block its thread, and its P must not be
 * blocked with it.
 *
 * <p>Go: proc.go {@code entersyscall}, {@code reentersyscall}, {@code exitsyscall},
 * {@code exitsyscallfast}, {@code exitsyscall0}, {@code entersyscallblock},
 * {@code entersyscall_gcwait} (the Go 1.25 design, with {@code _Psyscall}).
 *
 * <p>The protocol: entersyscall leaves the P attached but in {@code _Psyscall}, cheap to take back.
 * If the call is short, exitsyscall CASes its old P back to running (the fast path: no lock, no
 * other thread involved). If the call is long, sysmon CASes the P out of {@code _Psyscall} and hands
 * it off to another M ({@code retake}), and exitsyscall then takes any idle P, or puts the G on the
 * global queue and parks the M. entersyscallblock is for calls known to block: it hands the P off
 * at once.
 */
public final class Syscalls implements SyscallPart {
    /** Go: entersyscall. The current G is about to make a call that may block its M. */
    @Override
    public void entersyscall() {
        throw new Todo("entersyscall", "Afterwards curg is _Gsyscall and the M has no P: the P is _Psyscall, remembered in m.oldp with m.syscalltick = p.syscalltick, for exitsyscall to take back or sysmon to retake. A sleeping sysmon has been woken; a pending stop-the-world has had the P stopped. m.locks as before. Throws \"entersyscall on g0\" on the system stack.", "scheduler#syscalls");
    }

    /** Go: entersyscall_gcwait. A stop-the-world is waiting: stop our P now rather than later. */
    private static void entersyscallGcwait(M mp, P pp) {
        Sched sched = mp.rt.sched;
        lock(sched.lock);
        if (sched.stopwait > 0 && pp.status.cas(P._Psyscall, P._Pgcstop)) {
            pp.syscalltick++;
            if (--sched.stopwait == 0) {
                notewakeup(sched.stopnote);
            }
        }
        unlock(sched.lock);
    }

    /** Go: entersyscallblock. The call will block: hand the P off right away. */
    @Override
    public void entersyscallblock() {
        throw new Todo("entersyscallblock", "Like entersyscall, but the P is handed off at once (never left _Psyscall for sysmon) and p.syscalltick has moved by one. Throws \"entersyscallblock on g0\" on the system stack.", "scheduler#syscalls");
    }

    /**
     * Go: exitsyscall. The G returns from its system call: get a P (its old one if it is still
     * there) and continue, or queue the G and park the M when no P is free.
     */
    @Override
    public void exitsyscall() {
        throw new Todo("exitsyscall", "Afterwards the G is _Grunning on an M with a P: its old one if still _Psyscall (the fast path, p.syscalltick moved), else an idle one, else it waited on the global queue while its M stopped. m.oldp is null, m.locks as before. Throws \"exitsyscall: syscall frame is no longer valid\" unless the G is in a syscall.", "scheduler#syscalls");
    }

    /** Go: exitsyscallfast. Tries to get a P without a switch to g0. */
    private static boolean exitsyscallfast(M mp, P oldp) {
        // Try to re-acquire the last P.
        if (oldp != null && oldp.status.load() == P._Psyscall && oldp.status.cas(P._Psyscall, P._Pidle)) {
            // There's a cpu for us, so we can run.
            wirep(mp, oldp);
            if (mp.syscalltick != oldp.syscalltick) {
                // The P was retaken and given back to us meanwhile.
                oldp.syscalltick++;
            }
            return true;
        }
        // Try to get any other idle P.
        Sched sched = mp.rt.sched;
        if (sched.npidle.load() > 0) {
            lock(sched.lock);
            P pp = pidleget(sched);
            if (pp != null && sched.sysmonwait.load()) {
                sched.sysmonwait.store(false);
                notewakeup(sched.sysmonnote);
            }
            unlock(sched.lock);
            if (pp != null) {
                acquirep(mp, pp);
                return true;
            }
        }
        return false;
    }

    /**
     * Go: exitsyscall0, on g0. No P was free: try once more under the lock, else put the G on the
     * global queue and park the M.
     */
    private static boolean exitsyscall0(M mp, G gp) {
        casgstatus(gp, _Gsyscall, _Grunnable);
        dropg(mp);
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_SYSEXIT, gp.goid, -1, 1);
        }
        Sched sched = rt.sched;
        lock(sched.lock);
        P pp = pidleget(sched);
        if (pp == null) {
            globrunqput(sched, gp);
        } else if (sched.sysmonwait.load()) {
            sched.sysmonwait.store(false);
            notewakeup(sched.sysmonnote);
        }
        unlock(sched.lock);
        if (pp != null) {
            acquirep(mp, pp);
            execute(mp, gp, false); // never returns in Go; here: resume gp
            return true;
        }
        stopm(mp);
        return false; // schedule; never returns in Go
    }

    private static void checkUserG(M mp, String what) {
        if (mp.g != mp.curg || mp.curg == null) {
            throw Panic.throw_(what + " on g0");
        }
    }
}
