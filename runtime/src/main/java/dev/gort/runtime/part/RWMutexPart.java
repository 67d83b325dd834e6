package dev.gort.runtime.part;

import dev.gort.runtime.lock.RWMutex;

/**
 * The runtime's reader/writer lock, which blocks Ms. Go: rwmutex.go rlock, runlock, lock, unlock.
 * Reference: {@code dev.gort.runtime.lock.RWMutexImpl}.
 */
public interface RWMutexPart {
    void rlock(RWMutex rw);

    void runlock(RWMutex rw);

    void lock(RWMutex rw);

    void unlock(RWMutex rw);
}
