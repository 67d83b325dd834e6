// Generated from runtime/src/main/java/dev/gort/runtime/lock/LockFutex.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 3185a71624798b96
package dev.gort.chapters.synchronization;

import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.MutexPart;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.part.Todo;

/**
 * The runtime mutex's algorithm: the futex-based three-state lock.
 *
 * <p>Go: lock_futex.go {@code lock2} / {@code unlock2} (the tri-state design of Go up to 1.23; Go
 * 1.24 replaced it with the "spinbit" mutex, which keeps a stack of sleeping Ms in the key word).
 */
public final class LockFutex implements MutexPart {
    /*
     * Overview. key is mutex_unlocked, mutex_locked (held, nobody asleep), or mutex_sleeping (held,
     * and someone may be asleep on the futex). lock swaps in mutex_locked: if the old value was
     * unlocked it owns the lock. Otherwise it remembers what it displaced (wait: if it overwrote
     * "sleeping" it must later restore it, or a sleeper would never be woken), spins a little
     * (4 rounds of procyield(30), then one osyield) trying to CAS unlocked -> wait, and finally
     * swaps in mutex_sleeping and sleeps on the futex while the key stays sleeping. unlock swaps in
     * unlocked and wakes one sleeper only if the old value said someone might sleep.
     */
    static final int MUTEX_UNLOCKED = 0;
    static final int MUTEX_LOCKED = 1;
    static final int MUTEX_SLEEPING = 2;

    static final int ACTIVE_SPIN = 4;
    static final int ACTIVE_SPIN_CNT = 30;
    static final int PASSIVE_SPIN = 1;

    /** Go: lock2. Acquires l, sleeping the M if needed. */
    @Override
    public void lock2(Mutex l) {
        throw new Todo("lock2", "Afterwards this M holds l, counted in m.locks; no two Ms ever hold it. A contended M spins briefly (actively only with more than one CPU), then sleeps on the futex, never spinning for long. Throws \"runtime·lock: lock count\" if m.locks was negative.", "synchronization#mutex");
    }

    private static void lockSlow(Os os, Mutex l, int v) {
        throw new Todo("lock2", "The spinning and sleeping part of lock2: see lock2.", "synchronization#mutex");
    }

    /** Go: unlock2. Releases l and wakes one sleeper if there may be one. */
    @Override
    public void unlock2(Mutex l) {
        throw new Todo("unlock2", "Afterwards l is free and, if an M may sleep on it, one is woken (no wake-up call otherwise); m.locks is one less. Throws \"unlock of unlocked lock\" if l was free, \"runtime·unlock: lock count\" if m.locks goes negative.", "synchronization#mutex");
    }

}
