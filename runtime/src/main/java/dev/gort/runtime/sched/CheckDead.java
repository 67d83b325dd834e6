package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.lock.Mutex;

/**
 * Deadlock detection: when no M is running Go code and no goroutine can ever become runnable, the
 * program can make no progress and the runtime says so.
 *
 * <p>Go: proc.go {@code checkdead}.
 *
 * <p>Counted as running: every M created (a reserved id counts from the moment it is reserved),
 * less the idle ones, the locked idle ones and the system ones (sysmon). If that is zero, every
 * goroutine must be waiting (a runnable one with no M would be a scheduler bug); with none waiting
 * at all, the main goroutine must have called Goexit. A P with a timer is not a deadlock: the timer
 * will ready a goroutine (a sleeper) when it fires.
 */
public final class CheckDead {
    private CheckDead() {}

    /** Go: checkdead. Reports a deadlock when no M is left to run a G. */
    static void checkdead(Gort rt) {
        Mutex.assertLockHeld(rt.sched.lock);
        Sched sched = rt.sched;
        if (rt.exiting()) {
            return; // the process is already going away
        }
        long run = sched.mcount() - sched.nmidle - sched.nmidlelocked - sched.nmsys;
        if (run > 0) {
            return;
        }
        if (run < 0) {
            Panic.print("runtime: checkdead: nmidle=" + sched.nmidle + " nmidlelocked=" + sched.nmidlelocked
                    + " mcount=" + sched.mcount() + " nmsys=" + sched.nmsys + "\n");
            unlock(sched.lock);
            throw Panic.throw_("checkdead: inconsistent counts");
        }
        int grunning = 0;
        int n = sched.allglen();
        for (int i = 0; i < n; i++) {
            G gp = sched.allg(i);
            int s = gp.readgstatus();
            switch (s) {
                case G._Gwaiting, G._Gpreempted -> grunning++;
                case G._Grunnable, G._Grunning, G._Gsyscall -> {
                    Panic.print("runtime: checkdead: find g " + gp.goid + " in status " + s + "\n");
                    unlock(sched.lock);
                    throw Panic.throw_("checkdead: runnable g");
                }
                default -> { }
            }
        }
        if (grunning == 0) { // possible if main goroutine calls runtime·Goexit()
            unlock(sched.lock);
            throw Panic.fatal("no goroutines (main called runtime.Goexit) - deadlock!");
        }
        // There are no goroutines running, so we can look at the P's: a pending timer will
        // ready one of them (the M waiting for it may not have got into the poller yet).
        for (P pp : sched.allp()) {
            if (pp.timers.len() > 0) {
                return;
            }
        }
        unlock(sched.lock);
        throw Panic.fatal("all goroutines are asleep - deadlock!");
    }
}
