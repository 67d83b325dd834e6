package dev.gort.runtime.lock;

import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;

/**
 * A runtime mutex: Go's {@code mutex}. The zero value (key 0) is unlocked.
 *
 * <p>Go: runtime2.go {@code type mutex}; lock_futex.go {@code lock}, {@code unlock}.
 *
 * <p>Blocking on it blocks the M, with its G and its P: hold it only for short critical sections,
 * never across a park. Holding it raises {@code m.locks}, which forbids preemption and scheduling
 * ("schedule: holding locks"). The algorithm is a part ({@link LockFutex} by default).
 */
public final class Mutex {
    /** The futex word: 0 unlocked; the algorithm decides the other values. */
    public final Uint32 key = new Uint32(0, this); // owner: a simulated OS names it in reports

    /** Go: lock. Acquires l, sleeping the M if needed. */
    public static void lock(Mutex l) {
        Switch.getm("Mutex.lock").rt.parts.mutex().lock2(l);
    }

    /** Go: unlock. Releases l. */
    public static void unlock(Mutex l) {
        Switch.getm("Mutex.unlock").rt.parts.mutex().unlock2(l);
    }

    /** Whether someone holds the lock (a racy hint, for assertions and reports). */
    public boolean held() {
        return key.load() != 0;
    }
}
