package dev.gort.runtime.lock;

import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.MutexPart;

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
        // SOLUTION lock2: Afterwards this M holds l, counted in m.locks; no two Ms ever hold it. A contended M spins briefly (actively only with more than one CPU), then sleeps on the futex, never spinning for long. Throws "runtime·lock: lock count" if m.locks was negative. | book: synchronization#mutex
        M mp = Switch.getm();
        if (mp.locks < 0) {
            throw Panic.throw_("runtime·lock: lock count");
        }
        mp.locks++;

        // Speculative grab for lock.
        int v = l.key.xchg(MUTEX_LOCKED);
        if (v == MUTEX_UNLOCKED) {
            return;
        }
        lockSlow(mp.rt.os, l, v);
        // END SOLUTION
    }

    private static void lockSlow(Os os, Mutex l, int v) {
        // SOLUTION lock2: The spinning and sleeping part of lock2: see lock2. | book: synchronization#mutex
        // wait is either MUTEX_LOCKED or MUTEX_SLEEPING depending on whether there is a thread
        // sleeping on this mutex. If we ever change l.key from MUTEX_SLEEPING to some other value,
        // we must be careful to change it back to MUTEX_SLEEPING before returning.
        int wait = v;
        // On uniprocessors, no point spinning.
        int spin = os.ncpu() > 1 ? ACTIVE_SPIN : 0;
        for (;;) {
            // Try for lock, spinning.
            for (int i = 0; i < spin; i++) {
                while (l.key.load() == MUTEX_UNLOCKED) {
                    if (l.key.cas(MUTEX_UNLOCKED, wait)) {
                        return;
                    }
                }
                os.procyield(ACTIVE_SPIN_CNT);
            }
            // Try for lock, rescheduling.
            for (int i = 0; i < PASSIVE_SPIN; i++) {
                while (l.key.load() == MUTEX_UNLOCKED) {
                    if (l.key.cas(MUTEX_UNLOCKED, wait)) {
                        return;
                    }
                }
                os.osyield();
            }
            // Sleep.
            v = l.key.xchg(MUTEX_SLEEPING);
            if (v == MUTEX_UNLOCKED) {
                return;
            }
            wait = MUTEX_SLEEPING;
            os.futexsleep(l.key, MUTEX_SLEEPING, -1);
        }
        // END SOLUTION
    }

    /** Go: unlock2. Releases l and wakes one sleeper if there may be one. */
    @Override
    public void unlock2(Mutex l) {
        // SOLUTION unlock2: Afterwards l is free and, if an M may sleep on it, one is woken (no wake-up call otherwise); m.locks is one less. Throws "unlock of unlocked lock" if l was free, "runtime·unlock: lock count" if m.locks goes negative. | book: synchronization#mutex
        M mp = Switch.getm();
        int v = l.key.xchg(MUTEX_UNLOCKED);
        if (v == MUTEX_UNLOCKED) {
            throw Panic.throw_("unlock of unlocked lock");
        }
        if (v == MUTEX_SLEEPING) {
            mp.rt.os.futexwakeup(l.key, 1);
        }
        mp.locks--;
        if (mp.locks < 0) {
            throw Panic.throw_("runtime·unlock: lock count");
        }
        // END SOLUTION
    }

}
