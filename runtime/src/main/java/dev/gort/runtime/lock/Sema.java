package dev.gort.runtime.lock;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.atomic.Int32;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.sched.GQueue;
import dev.gort.runtime.sched.Proc;

/**
 * A counting semaphore for goroutines: Go's {@code semacquire} / {@code semrelease}, the sleep and
 * wakeup primitive under {@code sync.Mutex}, {@code sync.WaitGroup} and friends. Waiting parks the
 * goroutine (wait reason "semacquire"); its M goes on running others.
 *
 * <p>Go: sema.go {@code semacquire1}, {@code semrelease1}, {@code cansemacquire}. Go keeps the
 * waiters in a table keyed by the counter's address; gort keeps them in the semaphore itself.
 */
public final class Sema {
    /*
     * Overview. The count is the number of releases not yet consumed. acquire first tries to
     * decrement it without a lock. Otherwise it takes the lock, announces itself in nwait (which
     * makes release take the slow path), re-checks the count (a release may have come in between:
     * without the re-check that wakeup would be lost), queues itself and parks, letting gopark
     * drop the lock only once it is parked. release increments the count and, if anyone waits,
     * wakes the first waiter, who then takes the count it finds.
     *
     * Hand-off (semrelease1 with handoff): the releaser consumes the count itself on the waiter's
     * behalf (Go's sudog.ticket; gort passes it in the waiter's G.param), readies the waiter into
     * its own runnext and yields (goyield), so that the waiter runs next on this P with the rest
     * of the time slice. Without it the releaser usually takes the semaphore back before the woken
     * waiter runs (golang/go#33747); sync.Mutex's starvation mode relies on it.
     */
    private final Uint32 count = new Uint32();   // releases not yet consumed
    private final Int32 nwait = new Int32();     // waiters; nonzero sends release to the slow path
    private final Mutex lock = new Mutex(LockRank.ROOT, "semaRoot.lock");
    private final GQueue waiters = new GQueue(); // guarded by lock; linked through G.schedlink

    /** A semaphore with no releases yet: the first acquire waits. */
    public Sema() {}

    /** A semaphore holding {@code n} releases. */
    public Sema(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a semaphore count must not be negative, got " + n);
        }
        count.store(n);
    }

    // tag::semacquire[]
    /**
     * Go: semacquire. Waits until the count is positive, then decrements it. On a
     * user G only.
     */
    public static void semacquire(Sema s) {
        M mp = Switch.getm("Sema.semacquire");
        if (mp.g != mp.curg || mp.curg == null) {
            throw Panic.throw_("semacquire not on the G stack");
        }
        // Easy case.
        if (cansemacquire(s)) {
            return;
        }
        for (;;) {
            lock(s.lock);
            // Add ourselves to nwait to disable "easy case" in semrelease.
            s.nwait.add(1);
            // Check cansemacquire to avoid missed wakeup.
            if (cansemacquire(s)) {
                s.nwait.add(-1);
                unlock(s.lock);
                return;
            }
            // Any semrelease after the cansemacquire knows we're waiting (we set
            // nwait above), so go to sleep.
            G gp = Switch.getg();
            s.waiters.pushBack(gp);
            Park.goparkunlock(s.lock, WaitReason.SEMACQUIRE);
            boolean handedOff = gp.param == s; // the releaser took the count for us
            gp.param = null;
            if (handedOff || cansemacquire(s)) {
                return;
            }
        }
    }
    // end::semacquire[]

    // tag::semrelease[]
    /** Go: semrelease. Increments the count and wakes one waiter, if any. */
    public static void semrelease(Sema s) {
        Switch.getm("Sema.semrelease");
        release(s, false);
    }

    /**
     * Go: semrelease1. Increments the count and wakes one waiter, if any. With
     * {@code handoff}, the count goes straight to the woken waiter and the caller
     * yields its P to it (goyield).
     */
    public static void semrelease1(Sema s, boolean handoff) {
        Switch.getm("Sema.semrelease1");
        release(s, handoff);
    }

    private static void release(Sema s, boolean handoff) {
        s.count.add(1);
        // Easy case: no waiters?
        if (s.nwait.load() == 0) {
            return;
        }
        // Harder case: search for a waiter and wake it.
        lock(s.lock);
        if (s.nwait.load() == 0) {
            // The count is already consumed by another goroutine, so no need to
            // wake one.
            unlock(s.lock);
            return;
        }
        G gp = s.waiters.pop();
        if (gp != null) {
            s.nwait.add(-1);
        }
        unlock(s.lock);
        if (gp == null) {
            return;
        }
        // May be slow or even yield, so unlock first.
        boolean ticket = handoff && cansemacquire(s);
        if (ticket) {
            gp.param = s;
        }
        Gort.goready(gp);
        M mp = Switch.getm();
        if (ticket && mp.locks == 0 && mp.g != mp.g0) {
            // Direct G hand-off: the waiter is in our runnext; let it run now,
            // on the rest of our time slice.
            Proc.goyield(mp);
        }
    }
    // end::semrelease[]

    private static boolean cansemacquire(Sema s) {
        for (;;) {
            int v = s.count.load();
            if (v == 0) {
                return false;
            }
            if (s.count.cas(v, v - 1)) {
                return true;
            }
        }
    }

    /** Go: the waiter count ({@code root.nwait}, export_test.go SemNwait); a racy snapshot. */
    public int nwait() {
        return nwait.load();
    }

    /** The count of releases not yet consumed (a racy snapshot, for reports and tests). */
    public int count() {
        return count.load();
    }
}
