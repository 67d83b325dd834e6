package dev.gort.runtime.sched;

import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Int32;
import dev.gort.runtime.atomic.Int64;
import dev.gort.runtime.lock.LockRank;
import dev.gort.runtime.lock.Mutex;

/**
 * One P's timers: a 4-ary min-heap keyed by {@code when}, run by whichever M looks at it when
 * they are due.
 *
 * <p>Go: time.go {@code timers}, {@code check}, {@code run}, {@code adjust}, {@code cleanHead},
 * {@code addHeap}, {@code deleteMin}, {@code take}, {@code wakeTime}, {@code siftUp},
 * {@code siftDown}, {@code initHeap}, {@code timeSleepUntil}; the timer half of proc.go
 * {@code stealWork}.
 *
 * <p>Who runs them: the P's own M at each round of the scheduler ({@link Schedule#schedule} calls
 * {@link #check}); an M about to look for work elsewhere, for every P ({@link #stealTimers}); and
 * an idle M that sleeps until the earliest timer of all ({@link Netpoll}). sysmon and checkdead only
 * read {@link #wakeTime}.
 *
 * <p>Invariants: the heap is guarded by {@code mu} (other Ps' Ms take it too); each entry keeps
 * the {@code when} it was sifted with, which may be older than its timer's (a lazy change, see
 * {@link Timer}); {@code len}, {@code minWhenHeap} and {@code minWhenModified} are atomic summaries
 * for readers without the lock: {@code wakeTime()} is never later than the earliest due timer.
 * Entries are two parallel arrays, so adding a timer allocates nothing once the heap has grown.
 */
public final class Timers {
    static final int HEAP_N = 4; // Go: timerHeapN; a 4-ary heap is shallower than a binary one

    final Mutex mu = new Mutex(LockRank.TIMERS, "timers.mu");

    // guarded by mu:
    private Timer[] heap = new Timer[8]; // heap[i]'s timer, 4-ary order by whens[i]
    private long[] whens = new long[8];  // the when each entry was sifted with
    private int n;                       // entries in use

    // read without mu:
    final Int32 len = new Int32();             // n as of the last unlock
    final Int32 zombies = new Int32();         // entries whose timer was stopped
    final Int64 minWhenHeap = new Int64();     // whens[0]; 0: empty
    final Int64 minWhenModified = new Int64(); // a lower bound on modified timers' when; 0: none

    void lock() {
        Mutex.lock(mu);
    }

    /** Unlocks, publishing the length first so that it never reads 0 while a timer moves within. */
    void unlock() {
        len.store(n);
        Mutex.unlock(mu);
    }

    /** How many entries the heap has (a snapshot; stopped timers count until removed). */
    public int len() {
        return len.load();
    }

    Timer top() {
        return n == 0 ? null : heap[0];
    }

    /** The top's timer changed its when: move its entry down to its place. Must hold mu. */
    void setTopWhen(long when) {
        whens[0] = when;
        siftDown(0);
        updateMinWhenHeap();
    }

    /** Go: addHeap. Adds t, which is in no heap. Must hold mu (or the world is stopped). */
    void addHeap(Timer t) {
        if (t.ts != null) {
            throw Panic.throw_("ts set in timer");
        }
        t.ts = this;
        if (n == heap.length) {
            heap = java.util.Arrays.copyOf(heap, n * 2);
            whens = java.util.Arrays.copyOf(whens, n * 2);
        }
        heap[n] = t;
        whens[n] = t.when;
        n++;
        siftUp(n - 1);
        if (heap[0] == t) {
            updateMinWhenHeap();
        }
    }

    /** Go: deleteMin. Removes the top entry. Must hold mu. */
    void deleteMin() {
        Mutex.assertLockHeld(mu);
        Timer t = heap[0];
        if (t.ts != this) {
            throw Panic.throw_("wrong timers");
        }
        t.ts = null;
        int last = n - 1;
        if (last > 0) {
            heap[0] = heap[last];
            whens[0] = whens[last];
        }
        heap[last] = null;
        n = last;
        if (last > 0) {
            siftDown(0);
        }
        updateMinWhenHeap();
        if (last == 0) {
            minWhenModified.store(0); // no timers, so no modified ones
        }
    }

    /**
     * Go: cleanHead. Drops stopped timers from the tail and applies lazy changes at the top, so
     * that a program that keeps adding and stopping timers does not grow the heap. Must hold mu.
     */
    void cleanHead() {
        Mutex.assertLockHeld(mu);
        while (n > 0) {
            Timer last = heap[n - 1];
            if ((last.astate.load() & Timer.ZOMBIE) != 0) { // a zombie at the tail: no sifting needed
                last.lock();
                if ((last.state & Timer.ZOMBIE) != 0) {
                    last.state &= ~(Timer.HEAPED | Timer.ZOMBIE | Timer.MODIFIED);
                    last.ts = null;
                    zombies.add(-1);
                    heap[--n] = null;
                }
                last.unlock();
                continue;
            }
            Timer t = heap[0];
            if (t.ts != this) {
                throw Panic.throw_("bad ts");
            }
            if ((t.astate.load() & (Timer.MODIFIED | Timer.ZOMBIE)) == 0) {
                return;
            }
            t.lock();
            boolean updated = t.updateHeap();
            t.unlock();
            if (!updated) {
                return;
            }
        }
    }

    /**
     * Go: take. Moves every live timer of src (a P being destroyed) into this heap. The world is
     * stopped, so neither heap's lock is taken (that would put sched before timers in the order).
     */
    void take(Timers src) {
        for (int i = 0; i < src.n; i++) {
            Timer t = src.heap[i];
            t.ts = null;
            if ((t.state & Timer.ZOMBIE) != 0) {
                t.state &= ~(Timer.HEAPED | Timer.ZOMBIE | Timer.MODIFIED);
            } else {
                t.state &= ~Timer.MODIFIED;
                addHeap(t);
            }
            t.astate.store(t.state);
            src.heap[i] = null;
        }
        src.n = 0;
        src.zombies.store(0);
        src.minWhenHeap.store(0);
        src.minWhenModified.store(0);
        src.len.store(0);
        len.store(n);
    }

    /**
     * Go: adjust. Applies every lazy change (moved and stopped timers) once the earliest modified
     * timer is due, or at once when {@code force}, then restores heap order. Must hold mu.
     */
    void adjust(long now, boolean force) {
        Mutex.assertLockHeld(mu);
        if (!force) {
            long first = minWhenModified.load();
            if (first == 0 || first > now) {
                return;
            }
        }
        // Keep wakeTime() accurate throughout: fold the modified bound into minWhenHeap before
        // clearing it (a concurrent modify then lowers minWhenModified again), scan, and only then
        // set minWhenHeap to the real top. Go: the four steps in adjust.
        minWhenHeap.store(wakeTime());
        minWhenModified.store(0);
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            Timer t = heap[i];
            if (t.ts != this) {
                throw Panic.throw_("bad ts");
            }
            if ((t.astate.load() & (Timer.MODIFIED | Timer.ZOMBIE)) == 0) {
                continue;
            }
            t.lock();
            if ((t.state & Timer.HEAPED) == 0) {
                throw badTimer();
            } else if ((t.state & Timer.ZOMBIE) != 0) {
                zombies.add(-1);
                t.state &= ~(Timer.HEAPED | Timer.ZOMBIE | Timer.MODIFIED);
                n--;
                heap[i] = heap[n];
                whens[i] = whens[n];
                heap[n] = null;
                t.ts = null;
                i--;
                changed = true;
            } else if ((t.state & Timer.MODIFIED) != 0) {
                whens[i] = t.when;
                t.state &= ~Timer.MODIFIED;
                changed = true;
            }
            t.unlock();
        }
        if (changed) {
            initHeap();
        }
        updateMinWhenHeap();
    }

    /**
     * Go: wakeTime. When the earliest timer (or lazily modified timer) is due; 0 if none. Reads
     * minWhenModified first: adjust clears it only after folding it into minWhenHeap.
     */
    public long wakeTime() {
        long nextWhen = minWhenModified.load();
        long when = minWhenHeap.load();
        if (when == 0 || (nextWhen != 0 && nextWhen < when)) {
            when = nextWhen;
        }
        return when;
    }

    // tag::check[]
    /**
     * Go: (*timers).check. Runs every timer that is due at now (0: read the clock,
     * only if some timer exists). Returns when the next one is due, or 0 if there
     * is none. On the P's own M it also sweeps out stopped timers once they are a
     * quarter of the heap.
     */
    public long check(long now) {
        long next = wakeTime();
        if (next == 0) {
            return 0; // no timers to run or adjust
        }
        M mp = Switch.getm();
        if (now == 0) {
            now = mp.rt.os.nanotime();
        }
        boolean local = mp.p != null && mp.p.timers == this;
        if (now < next && !(local && tooManyZombies())) {
            return next; // not yet, and nothing to clean
        }
        long pollUntil = 0;
        lock();
        if (n > 0) {
            adjust(now, false);
            while (n > 0) {
                long tw = run(now); // may unlock and lock again around the call
                if (tw != 0) {
                    if (tw > 0) {
                        pollUntil = tw;
                    }
                    break;
                }
            }
            if (local && tooManyZombies()) {
                adjust(now, true);
            }
        }
        unlock();
        return pollUntil;
    }
    // end::check[]

    private boolean tooManyZombies() {
        int z = zombies.load();
        if (z < 0) {
            throw badTimer();
        }
        return z > len.load() / 4;
    }

    /**
     * Go: (*timers).run. Looks at the top timer: runs it if due (returns 0), else returns when it
     * is due; -1 if the heap is empty. Must hold mu, which it drops while the timer runs.
     */
    private long run(long now) {
        for (;;) {
            if (n == 0) {
                return -1;
            }
            Timer t = heap[0];
            long tw = whens[0];
            if (t.ts != this) {
                throw Panic.throw_("bad ts");
            }
            if ((t.astate.load() & (Timer.MODIFIED | Timer.ZOMBIE)) == 0 && tw > now) {
                return tw; // fast path: not ready
            }
            t.lock();
            if (t.updateHeap()) {
                t.unlock();
                continue; // the top changed: look again
            }
            if ((t.state & Timer.HEAPED) == 0 || (t.state & Timer.MODIFIED) != 0) {
                throw badTimer();
            }
            if (t.when > now) {
                t.unlock();
                return t.when;
            }
            t.unlockAndRun(now);
            return 0;
        }
    }

    /**
     * The timer half of Go's stealWork (its last pass): runs the due timers of every other P, so
     * that a P whose M is busy, or which has gone idle, does not hold a sleeper up. Gs they ready
     * go to mp's P. Returns the earliest next timer seen, or 0.
     */
    static long stealTimers(M mp, long now) {
        P pp = mp.p;
        long pollUntil = 0;
        for (P p2 : mp.rt.sched.allp()) {
            if (p2 == pp || p2.timers.len() == 0) {
                continue;
            }
            long w = p2.timers.check(now);
            if (w != 0 && (pollUntil == 0 || w < pollUntil)) {
                pollUntil = w;
            }
        }
        return pollUntil;
    }

    /**
     * Go: timeSleepUntil. When the earliest timer of any P is due; {@link Timer#MAX_WHEN} if there
     * is none. For sysmon, checkdead and an idle M deciding how long to sleep.
     */
    static long timeSleepUntil(Sched sched) {
        long next = Timer.MAX_WHEN;
        for (P pp : sched.allp()) {
            long w = pp.timers.wakeTime();
            if (w != 0) {
                next = Math.min(next, w);
            }
        }
        return next;
    }

    private void updateMinWhenHeap() {
        minWhenHeap.store(n == 0 ? 0 : whens[0]);
    }

    /** Go: updateMinWhenModified. Lowers minWhenModified to when if it is later. Needs no lock. */
    void updateMinWhenModified(long when) {
        for (;;) {
            long old = minWhenModified.load();
            if (old != 0 && old < when) {
                return;
            }
            if (minWhenModified.cas(old, when)) {
                return;
            }
        }
    }

    /**
     * The when of entry i, about to be sifted. A bad index or a non-positive when means a timer
     * was used racily; Go checks by hand so as to throw rather than fault holding the lock.
     */
    private long siftedWhen(int i) {
        if (i >= n || whens[i] <= 0) {
            throw badTimer();
        }
        return whens[i];
    }

    // tag::sift[]
    /** Go: siftUp. Moves entry i up until its parent is not later. */
    private void siftUp(int i) {
        long when = siftedWhen(i);
        Timer t = heap[i];
        while (i > 0) {
            int p = (i - 1) / HEAP_N; // parent
            if (when >= whens[p]) {
                break;
            }
            heap[i] = heap[p];
            whens[i] = whens[p];
            i = p;
        }
        heap[i] = t;
        whens[i] = when;
    }

    /** Go: siftDown. Moves entry i down while one of its children is earlier. */
    private void siftDown(int i) {
        long when = siftedWhen(i);
        Timer t = heap[i];
        for (;;) {
            int left = i * HEAP_N + 1;
            if (left >= n) {
                break;
            }
            long w = when;
            int c = -1;
            for (int j = left; j < Math.min(left + HEAP_N, n); j++) {
                if (whens[j] < w) {
                    w = whens[j];
                    c = j;
                }
            }
            if (c < 0) {
                break;
            }
            heap[i] = heap[c];
            whens[i] = whens[c];
            i = c;
        }
        heap[i] = t;
        whens[i] = when;
    }
    // end::sift[]

    /** Go: initHeap. Restores heap order over all entries in O(n). */
    private void initHeap() {
        if (n <= 1) {
            return;
        }
        for (int i = (n - 2) / HEAP_N; i >= 0; i--) {
            siftDown(i);
        }
    }

    /** Go: badTimer. The heap is corrupt: most likely a timer used by two goroutines at once. */
    static RuntimeException badTimer() {
        return Panic.throw_("timer data corruption");
    }
}
