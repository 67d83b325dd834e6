package dev.gort.runtime.part;

import dev.gort.runtime.lock.Mutex;

/**
 * The runtime mutex's algorithm. Go: lock_futex.go lock2, unlock2. Reference:
 * {@code dev.gort.runtime.lock.LockFutex}.
 */
public interface MutexPart {
    /** Acquires l (m.locks++ included), sleeping the M on the futex if needed. */
    void lock2(Mutex l);

    /** Releases l (m.locks-- included), waking one sleeper if there may be one. */
    void unlock2(Mutex l);
}
