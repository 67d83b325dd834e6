package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.os.Os;

/**
 * Where an idle M waits for the next timer: Go's network poller, for a runtime whose only events
 * are timers. One idle M at a time sleeps in it, until the earliest timer of any P is due; adding
 * an earlier timer breaks its sleep.
 *
 * <p>Go: netpoll.go {@code netpoll}, {@code netpollBreak} (netpoll_epoll.go: an epoll_wait with a
 * timeout, woken by a write to an eventfd), proc.go {@code wakeNetPoller} and findRunnable's step
 * "Poll network until next timer".
 *
 * <p>The protocol: {@code sched.lastpoll} is 0 while an M is in the poller (it swapped it to 0 to
 * get in), else when the last one left; {@code sched.pollUntil} is when that M will wake. Whoever
 * adds a timer calls {@link #wakeNetPoller}: with an M in the poller that would wake later, it
 * breaks its sleep; with none, it wakes a P ({@code wakep}), whose M, finding nothing to run,
 * becomes the poller. The M in the poller holds no P and is not on the idle list, so checkdead
 * counts it as running: a program with a pending timer is not deadlocked.
 *
 * <p>gort's findRunnable is a student's part, so this step runs on its way into stopm ({@link
 * Proc#stopm}): after the part has given its P back, exactly where Go's findRunnable polls.
 */
public final class Netpoll {
    private Netpoll() {}

    // tag::pollUntilNextTimer[]
    /**
     * findRunnable's last step before stopm: if some P has a timer and no M is in
     * the poller, sleep there until the earliest one is due (or a new earlier one
     * breaks the sleep), then take an idle P and run the due timers. Returns true
     * holding that P (look for work again); false: park the M as usual. The M
     * holds no P and is not spinning (Proc.stopm checks).
     */
    static boolean pollUntilNextTimer(M mp) {
        Gort rt = mp.rt;
        Sched sched = rt.sched;
        long pollUntil = Timers.timeSleepUntil(sched);
        if (pollUntil == Timer.MAX_WHEN || sched.gcwaiting.load()) {
            return false; // no timers: nothing to wait for but work
        }
        if (sched.lastpoll.xchg(0) == 0) {
            // Another M is in the poller: make sure it wakes in time for ours.
            long theirs = sched.pollUntil.load();
            if (theirs == 0 || theirs > pollUntil) {
                netpollBreak(rt);
            }
            return false;
        }
        sched.pollUntil.store(pollUntil);
        netpoll(rt, Math.max(0, pollUntil - rt.os.nanotime()));
        long now = rt.os.nanotime();
        sched.pollUntil.store(0);
        sched.lastpoll.store(now);
        lock(sched.lock);
        P pp = Threads.pidleget(sched);
        unlock(sched.lock);
        if (pp == null) {
            return false; // every P is busy: their Ms run the timers
        }
        Threads.acquirep(mp, pp);
        pp.timers.check(now);
        Timers.stealTimers(mp, now);
        return true;
    }
    // end::pollUntilNextTimer[]

    /**
     * Go: netpoll(delay) with nothing to poll but the wake-up word: sleeps the M for delay
     * nanoseconds, or until {@link #netpollBreak}; returns at once for 0.
     */
    static void netpoll(Gort rt, long delay) {
        if (delay == 0) {
            return;
        }
        Os os = rt.os;
        Sched sched = rt.sched;
        long deadline = os.nanotime() + delay;
        while (sched.netpollWake.load() == 0) {
            long ns = deadline - os.nanotime();
            if (ns <= 0) {
                break;
            }
            os.futexsleep(sched.netpollWake, 0, ns);
        }
        sched.netpollWake.store(0); // consume the break (Go: read the eventfd, netpollWakeSig = 0)
    }

    /** Go: netpollBreak. Wakes the M in the poller; one wake-up is pending at most. */
    static void netpollBreak(Gort rt) {
        Sched sched = rt.sched;
        if (sched.netpollWake.cas(0, 1)) {
            rt.os.futexwakeup(sched.netpollWake, 1);
        }
    }

    /**
     * Go: wakeNetPoller. A timer was added that is due at {@code when}: make sure some M will wake
     * for it, by breaking the poller's sleep if it would wake later, or by starting an M if no M is
     * in the poller.
     */
    static void wakeNetPoller(Gort rt, long when) {
        Sched sched = rt.sched;
        if (sched.lastpoll.load() == 0) {
            long pollerPollUntil = sched.pollUntil.load();
            if (pollerPollUntil == 0 || pollerPollUntil > when) {
                netpollBreak(rt);
            }
        } else {
            Threads.wakep(rt);
        }
    }
}
