package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.lock.Note.noteclear;
import static dev.gort.runtime.lock.Note.notetsleep;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.stack.Stacks;
import dev.gort.runtime.os.Os;

/**
 * The system monitor: an M without a P that wakes up periodically to retake Ps from long system
 * calls and to ask long-running Gs to yield.
 *
 * <p>Go: proc.go {@code sysmon}, {@code retake}, {@code preemptone}, {@code preemptall}.
 *
 * <p>It sleeps 20 us between rounds while there is something to do, doubling the sleep after 50
 * idle rounds (about 1 ms) up to 10 ms; when every P is idle it sleeps on {@code sysmonnote} until
 * the next system call or exit from one wakes it, or the next timer is due. If a timer is overdue
 * (its P's M is busy) it starts an M to run it. A P in a system call is retaken only after sysmon
 * has seen the same call on two rounds (at least one tick, 20 us) and either the P has work to do,
 * or no M is spinning and no P is idle to pick up new work, or the call is older than 10 ms.
 */
public final class Sysmon {
    private Sysmon() {}

    static final long FORCE_PREEMPT_NS = 10_000_000L; // a G may run 10 ms before being preempted
    static final long SYSCALL_RETAKE_NS = 10_000_000L;
    static final long BLOCKED_RETAKE_NS = 1_000_000L; // an M blocked outside the runtime this long loses its P
    static final long MIN_DELAY_US = 20;
    static final long MAX_DELAY_US = 10_000;
    static final long IDLE_SLEEP_NS = 60_000_000_000L; // Go: forcegcperiod / 2

    /** Go: sysmon. Runs forever on its own M. */
    public static void sysmon(M mp) {
        Gort rt = mp.rt;
        Sched sched = rt.sched;
        Os os = rt.os;
        lock(sched.lock);
        sched.nmsys++;
        CheckDead.checkdead(rt);
        unlock(sched.lock);

        int idle = 0; // how many cycles in succession we had not woken somebody up
        long delay = 0;
        for (;;) {
            delay = nextDelay(idle, delay);
            os.usleep(delay);
            long now = os.nanotime();
            if (sched.gcwaiting.load() || sched.npidle.load() == sched.gomaxprocs) {
                lock(sched.lock);
                if (sched.gcwaiting.load() || sched.npidle.load() == sched.gomaxprocs) {
                    boolean syscallWake = false;
                    long next = Timers.timeSleepUntil(sched);
                    if (next > now) {
                        sched.sysmonwait.store(true);
                        unlock(sched.lock);
                        // Sleep until the next timer at most: the M waiting for it may be
                        // held up, and then sysmon starts one (below).
                        syscallWake = notetsleep(sched.sysmonnote, Math.min(IDLE_SLEEP_NS, next - now));
                        lock(sched.lock);
                        sched.sysmonwait.store(false);
                        noteclear(sched.sysmonnote);
                    }
                    if (syscallWake) { // woken by a system call, not by the time: busy again
                        idle = 0;
                        delay = MIN_DELAY_US;
                    }
                }
                unlock(sched.lock);
                now = os.nanotime();
            }
            if (Timers.timeSleepUntil(sched) < now) {
                // There are timers that should have already run, perhaps because there is an
                // unpreemptible P. Try to start an M to run them.
                Threads.startm(rt, null, false, false);
            }
            // retake P's blocked in syscalls and preempt long running G's
            if (retake(rt, now) != 0) {
                idle = 0;
            } else {
                idle++;
            }
        }
    }

    // tag::nextDelay[]
    /**
     * sysmon's back-off: 20 us while it keeps finding work (idle == 0 after a
     * round that retook a P), the same for the first 50 idle rounds (about 1 ms),
     * then doubling each idle round up to 10 ms.
     */
    public static long nextDelay(int idle, long delay) {
        if (idle == 0) { // start with 20us sleep...
            delay = MIN_DELAY_US;
        } else if (idle > 50) { // start doubling the sleep after 1ms...
            delay *= 2;
        }
        if (delay > MAX_DELAY_US) { // up to 10ms
            delay = MAX_DELAY_US;
        }
        return delay;
    }
    // end::nextDelay[]

    // tag::retake[]
    /** Go: retake. Returns how many Ps were taken from system calls. */
    static int retake(Gort rt, long now) {
        Sched sched = rt.sched;
        int n = 0;
        for (P pp : sched.allp) {
            int s = pp.status.load();
            boolean sysretake = false;
            if (s == P._Prunning || s == P._Psyscall) {
                // Preempt G if it's running on the same schedtick for too long.
                int t = pp.schedtick;
                if (pp.sysmontick.schedtick != t) {
                    pp.sysmontick.schedtick = t;
                    pp.sysmontick.schedwhen = now;
                } else if (pp.sysmontick.schedwhen + FORCE_PREEMPT_NS <= now) {
                    preemptone(pp);
                    // In case of syscall, preemptone() doesn't work, because there
                    // is no M wired to the P.
                    sysretake = true;
                }
            }
            if (s == P._Prunning && retakeBlocked(rt, pp, now)) {
                n++;
                continue;
            }
            if (s == P._Psyscall) {
                // Retake P from syscall if it's there for more than 1 sysmon tick
                // (at least 20us).
                int t = pp.syscalltick;
                if (!sysretake && pp.sysmontick.syscalltick != t) {
                    pp.sysmontick.syscalltick = t;
                    pp.sysmontick.syscallwhen = now;
                    continue;
                }
                // On the one hand we don't want to retake Ps if there is no other
                // work to do, but on the other hand we want to retake them
                // eventually because they can prevent the sysmon thread from deep
                // sleep.
                if (pp.runq.runqempty()
                        && sched.nmspinning.load() + sched.npidle.load() > 0
                        && pp.sysmontick.syscallwhen + SYSCALL_RETAKE_NS > now) {
                    continue;
                }
                // Need to decrement number of idle locked M's (pretending that one
                // more is running) before the CAS. Otherwise the M from which we
                // retake can exit the syscall, increment nmidle and report
                // deadlock.
                Threads.incidlelocked(rt, -1);
                if (pp.status.cas(s, P._Pidle)) {
                    n++;
                    pp.syscalltick++;
                    Threads.handoffp(pp);
                }
                Threads.incidlelocked(rt, 1);
            }
        }
        return n;
    }
    // end::retake[]

    /**
     * gort's own: pp's M has been blocked in the JVM outside the runtime (a Java monitor,
     * {@code Object.wait}) for 1 ms, on the same schedtick, as sysmon saw on two rounds or more
     * (a shorter wait is more likely a class being loaded than a mistake): its G waits where the
     * runtime cannot see, and at GOMAXPROCS=1 nothing else would ever run. Put the G in a system
     * call on its M's behalf and retake the P as from a long one; the G leaves that call
     * ({@link #reenter}) the next time it enters the runtime. Warns once, with the G's frames.
     */
    static boolean retakeBlocked(Gort rt, P pp, long now) {
        M mp = pp.m;
        int t = pp.schedtick;
        StackTraceElement[] frames = mp == null || mp.locks != 0 || mp.curg == null || mp.g != mp.curg
                || rt.sched.gcwaiting.load() ? null : rt.os.blockedOutside(mp);
        SysmonTick st = pp.sysmontick;
        if (frames == null || st.blockedtick != t) {
            st.blockedtick = frames == null ? -1 : t; // first sight: look again later
            st.blockedwhen = now;
            return false;
        }
        if (now - st.blockedwhen < BLOCKED_RETAKE_NS) {
            return false; // a class being loaded, a contended lock: give it time
        }
        st.blockedtick = -1;
        if (!mp.outside.cas(M.OUTSIDE_NONE, M.OUTSIDE_TAKING)) {
            return false;
        }
        // The M cannot leave the runtime's view now without waiting for OUTSIDE_TAKEN; check that
        // it is still blocked where we saw it before touching its state.
        G gp = mp.curg;
        if (rt.os.blockedOutside(mp) == null || pp.m != mp || mp.p != pp || pp.schedtick != t
                || !gp.atomicstatus.cas(G._Grunning, G._Gsyscall)) {
            mp.outside.store(M.OUTSIDE_NONE);
            return false;
        }
        mp.syscalltick = pp.syscalltick;
        pp.m = null;
        mp.oldp = pp;
        mp.p = null;
        pp.status.store(P._Psyscall);
        warnBlocked(rt, mp, gp, frames);
        mp.outside.store(M.OUTSIDE_TAKEN);
        // Now as retake does for a P in a long system call.
        Threads.incidlelocked(rt, -1);
        boolean took = pp.status.cas(P._Psyscall, P._Pidle);
        if (took) {
            pp.syscalltick++;
            Threads.handoffp(pp);
        }
        Threads.incidlelocked(rt, 1);
        return took;
    }

    private static void warnBlocked(Gort rt, M mp, G gp, StackTraceElement[] frames) {
        if (rt.sched.blockedWarned) {
            return;
        }
        rt.sched.blockedWarned = true;
        StringBuilder b = new StringBuilder("runtime: goroutine ").append(gp.goid).append(" blocked ")
                .append(mp).append("'s thread outside the runtime (a Java monitor, Object.wait or")
                .append(" another wait without Gort.syscall); sysmon handed its P off. Wrap blocking")
                .append(" calls in Gort.syscall, so that the P moves at once. Where it waits:\n");
        int shown = 0;
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("jdk.internal.vm.")) {
                break; // the bottom of the goroutine's stack
            }
            if (shown++ < 12) {
                b.append("\tat ").append(f).append('\n');
            }
        }
        Panic.print(b.toString());
    }

    /**
     * The G running on mp enters the runtime after sysmon retook its P while its thread was
     * blocked outside ({@link #retakeBlocked}): it leaves the system call sysmon put it in, and
     * gets a P again. Returns the M running the G afterwards.
     */
    public static M reenter(M mp) {
        while (mp.outside.load() == M.OUTSIDE_TAKING) {
            mp.rt.os.osyield();
        }
        if (mp.outside.cas(M.OUTSIDE_TAKEN, M.OUTSIDE_NONE)) {
            mp.rt.parts.syscall().exitsyscall();
            return Switch.getm(); // exitsyscall may have parked the G and resumed it elsewhere
        }
        return mp;
    }

    /**
     * Go: preemptone. Asks the G running on pp to stop. Cooperative: the G yields at its next
     * preemption point ({@link Schedule#checkPreempt}, gosched, park, or a runtime call).
     */
    static boolean preemptone(P pp) {
        M mp = pp.m;
        if (mp == null || mp == pp.rt.os.getm()) {
            return false;
        }
        G gp = mp.curg;
        if (gp == null || gp == mp.g0) {
            return false;
        }
        gp.preempt = true;
        gp.stackguard0 = Stacks.STACK_PREEMPT; // the G's next frame prologue traps (Go's way)
        return true;
    }

    /** Go: preemptall. Asks every running G to stop. */
    static void preemptall(Gort rt) {
        for (P pp : rt.sched.allp) {
            if (pp.status.load() == P._Prunning) {
                preemptone(pp);
            }
        }
    }
}
