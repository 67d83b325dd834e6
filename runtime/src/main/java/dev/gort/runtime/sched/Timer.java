package dev.gort.runtime.sched;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.LockRank;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Park;

/**
 * A timer: a function to call at a time, by whichever M next runs the timers of the P whose heap
 * holds it. What {@code time.Sleep}, {@code time.AfterFunc} and a sleeping goroutine are made of.
 *
 * <p>Go: time.go {@code timer}, {@code (*timer).modify}, {@code reset}, {@code stop},
 * {@code needsAdd}, {@code maybeAdd}, {@code updateHeap}, {@code unlockAndRun};
 * {@code goroutineReady}.
 *
 * <p>A timer is used by one client goroutine at a time, but the P whose heap holds it (any M) may
 * run it concurrently: every field is guarded by {@code mu}, and {@code astate} publishes the state
 * bits at each unlock so that the heap's fast paths can skip the lock. Stopping or moving a timer
 * never touches the heap, which may be another P's: it only changes {@code when} and sets
 * {@code MODIFIED} (or {@code ZOMBIE}); the heap's owner fixes its entry lazily, when it next looks
 * at it ({@link Timers#adjust}, {@link Timers#cleanHead}, {@link Timers#run}).
 *
 * <p>Lock order: a heap's {@code timers.mu} before a timer's {@code timer.mu}; a timer's function
 * runs with neither held. Owned by the runtime; readers use it through {@code Gort.sleep} and
 * {@code dev.gort.runtime.Timer}.
 */
public final class Timer {
    /**
     * What a timer calls: Go's {@code f(arg, seq, delay)}, where delay is how late it runs. It runs
     * on the system stack of an M holding a P, with no lock held, so it must be quick and must not
     * block or park (ready a goroutine, or start one).
     */
    @FunctionalInterface
    public interface Func {
        void run(Object arg, long seq, long delay);
    }

    /** The largest {@code when}: a deadline that overflowed. Go: maxWhen. */
    public static final long MAX_WHEN = Long.MAX_VALUE;

    // The state bits (Go: timerHeaped, timerModified, timerZombie):
    static final int HEAPED = 1;   // in some P's heap
    static final int MODIFIED = 2; // when changed; the heap entry still has the old one (only if HEAPED)
    static final int ZOMBIE = 4;   // stopped, still in a heap until its owner removes it (only if HEAPED)

    final Mutex mu = new Mutex(LockRank.TIMER, "timer.mu");
    final Uint32 astate = new Uint32(); // state as of the last unlock, read without mu

    // guarded by mu:
    int state;
    long when;       // when it fires next; 0: not pending
    long period;     // > 0: fires again every period
    Func f;
    Object arg;
    long seq;
    Timers ts;       // the heap holding it, or null

    /** Go: (*timer).init. A timer that calls f(arg, ...) once armed by {@link #reset}. */
    public Timer(Func f, Object arg) {
        this.f = f;
        this.arg = arg;
    }

    /** The goroutine-readying function of sleeping Gs. Go: goroutineReady. */
    public static final Func GOROUTINE_READY = (arg, seq, delay) ->
            Park.goready((G) arg);

    void lock() {
        Mutex.lock(mu);
    }

    void unlock() {
        astate.store(state); // publish for the heap's fast paths
        Mutex.unlock(mu);
    }

    /**
     * Go: (*timer).reset. Arms the timer to fire at {@code when} (nanotime's clock), and then
     * every {@code period} if positive. Reports whether it was pending before.
     */
    public boolean reset(long when, long period) {
        return modify(when, period, null, null, 0);
    }

    /**
     * Go: (*timer).modify. Changes when (and, if f is not null, what) the timer runs; adds it to
     * the current P's heap if it is in none. Reports whether it was pending.
     */
    boolean modify(long when, long period, Func f, Object arg, long seq) {
        if (when <= 0) {
            throw Panic.throw_("timer when must be positive");
        }
        if (period < 0) {
            throw Panic.throw_("timer period must be non-negative");
        }
        lock();
        this.period = period;
        if (f != null) {
            this.f = f;
            this.arg = arg;
            this.seq = seq;
        }
        boolean wake = false;
        boolean pending = this.when > 0;
        this.when = when;
        if ((state & HEAPED) != 0) {
            state |= MODIFIED;
            if ((state & ZOMBIE) != 0) {
                // Stopped, then reset before its heap removed it: it runs again.
                ts.zombies.add(-1);
                state &= ~ZOMBIE;
            }
            long min = ts.minWhenModified.load();
            if (min == 0 || when < min) {
                wake = true;
                // Publish MODIFIED before lowering minWhenModified (see Timers.adjust).
                astate.store(state);
                ts.updateMinWhenModified(when);
            }
        }
        boolean add = needsAdd();
        unlock();
        if (add) {
            maybeAdd();
        }
        if (wake) {
            Netpoll.wakeNetPoller(Switch.getm("Timer.modify").rt, when);
        }
        return pending;
    }

    /**
     * Go: (*timer).stop. The timer will not fire (until reset). It may sit in another P's heap, so
     * it is only marked; that P removes it later. Reports whether it was pending.
     */
    public boolean stop() {
        lock();
        if ((state & HEAPED) != 0) {
            state |= MODIFIED;
            if ((state & ZOMBIE) == 0) {
                state |= ZOMBIE;
                ts.zombies.add(1);
            }
        }
        boolean pending = when > 0;
        when = 0;
        unlock();
        return pending;
    }

    /** Go: needsAdd. Whether the timer is pending but in no heap. Must hold mu. */
    private boolean needsAdd() {
        Mutex.assertLockHeld(mu);
        return (state & HEAPED) == 0 && when > 0;
    }

    /**
     * Go: maybeAdd. Adds the timer to the current P's heap if it still needs one. Holds no lock
     * on entry (a heap's lock comes before a timer's); acquirem keeps the caller on its M and P,
     * so the timer lands on the P that runs now, never on one that has just gone idle unnoticed.
     */
    private void maybeAdd() {
        M mp = M.acquirem();
        Timers heap = mp.p.timers;
        heap.lock();
        heap.cleanHead();
        lock();
        long w = 0;
        boolean wake = false;
        if (needsAdd()) {
            state |= HEAPED;
            w = when;
            long wakeTime = heap.wakeTime();
            wake = wakeTime == 0 || w < wakeTime;
            heap.addHeap(this);
        }
        unlock();
        heap.unlock();
        M.releasem(mp);
        if (wake) {
            Netpoll.wakeNetPoller(mp.rt, w);
        }
    }

    /**
     * Go: updateHeap. Applies a lazy change to this timer, which is the top of its heap: removes it
     * if a zombie, re-sifts it if modified. Reports whether the top changed. Must hold mu and the
     * heap's lock.
     */
    boolean updateHeap() {
        Timers heap = ts;
        if (heap == null || heap.top() != this) {
            throw Timers.badTimer();
        }
        Mutex.assertLockHeld(mu);
        if ((state & ZOMBIE) != 0) {
            state &= ~(HEAPED | ZOMBIE | MODIFIED);
            heap.zombies.add(-1);
            heap.deleteMin();
            return true;
        }
        if ((state & MODIFIED) != 0) {
            state &= ~MODIFIED;
            heap.setTopWhen(when);
            return true;
        }
        return false;
    }

    /**
     * Go: unlockAndRun. Runs the timer, which is due: re-arms a periodic one, retires a one-shot
     * one, then calls its function with no lock held (the heap's lock is dropped and taken again
     * around the call). Must hold mu, and the heap's lock if it is in one.
     */
    void unlockAndRun(long now) {
        Mutex.assertLockHeld(mu);
        if ((state & (MODIFIED | ZOMBIE)) != 0) {
            throw Timers.badTimer();
        }
        Func fn = f;
        Object a = arg;
        long s = seq;
        long delay = now - when;
        long next = 0;
        if (period > 0) {
            next = when + period * (1 + delay / period); // the next multiple of period after now
            if (next < 0) {
                next = MAX_WHEN;
            }
        }
        Timers heap = ts;
        when = next;
        if ((state & HEAPED) != 0) {
            state |= MODIFIED;
            if (next == 0) {
                state |= ZOMBIE;
                heap.zombies.add(1);
            }
            updateHeap();
        }
        unlock();
        if (heap != null) {
            heap.unlock();
        }
        fn.run(a, s, delay);
        if (heap != null) {
            heap.lock();
        }
    }
}
