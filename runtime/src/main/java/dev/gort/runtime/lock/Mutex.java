package dev.gort.runtime.lock;

import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.os.FutexOwner;

/**
 * A runtime mutex: Go's {@code mutex}. The zero value (key 0) is unlocked.
 *
 * <p>Go: runtime2.go {@code type mutex}; lock_futex.go {@code lock}, {@code unlock};
 * lockrank_on.go {@code lockWithRank}, {@code unlockWithRank}, {@code assertLockHeld}.
 *
 * <p>Blocking on it blocks the M, with its G and its P: hold it only for short critical sections,
 * never across a park. Holding it raises {@code m.locks}, which forbids preemption and scheduling
 * ("schedule: holding locks"). The algorithm is a part ({@link LockFutex} by default).
 *
 * <p>Checked mode (Go's {@code staticlockranking} experiment; in gort per runtime, on by default
 * on the simulated OS and wherever Java assertions are on, as in every test): each M keeps the
 * locks it holds ({@link HeldLocks}), taking a lock checks its {@link LockRank} against the last
 * one held ("lock ordering problem"), the lock records its owner, and {@link #assertLockHeld}
 * checks a method's lock precondition ("not holding required lock!").
 */
public final class Mutex implements FutexOwner {
    /** The futex word: 0 unlocked; the algorithm decides the other values. */
    public final Uint32 key = new Uint32(0, this); // owner: a simulated OS names it in reports

    // immutable:
    private final LockRank rank;
    private final String name;  // for reports ("sched.lock"); null: an anonymous lock

    private volatile M owner;   // checked mode: the M that holds it (set after lock2, cleared before unlock2)

    /** An unranked lock (a leaf: no other lock may be taken while it is held). */
    public Mutex() {
        this(LockRank.LEAF, null);
    }

    /** A lock of this rank, named for reports. Go: lockInit. */
    public Mutex(LockRank rank, String name) {
        if (rank == null) {
            throw new IllegalArgumentException("rank must not be null (LockRank.LEAF for a leaf lock)");
        }
        this.rank = rank;
        this.name = name;
    }

    /** Go: lock. Acquires l, sleeping the M if needed. */
    public static void lock(Mutex l) {
        M mp = Switch.getm("Mutex.lock");
        boolean checked = mp.rt.checkLocks;
        if (checked) {
            mp.locksHeld.push(mp.id, l); // Go: lockWithRank, before lock2
        }
        mp.rt.parts.mutex().lock2(l);
        if (checked) {
            l.owner = mp;
        }
    }

    /** Go: unlock. Releases l. */
    public static void unlock(Mutex l) {
        M mp = Switch.getm("Mutex.unlock");
        if (mp.rt.checkLocks) {
            M o = l.owner;
            if (!mp.locksHeld.remove(l) && o != null) {
                // Held, but by another M. An unlocked lock is left to unlock2, which says so.
                Panic.print(mp.id + " : " + l.rank.goName() + " " + l.rank.number() + " " + l
                        + " (held by " + o + ")\n");
                throw Panic.throw_("unlock without matching lock acquire");
            }
            l.owner = null;
        }
        mp.rt.parts.mutex().unlock2(l);
    }

    /**
     * Go: assertLockHeld. The caller requires l: in checked mode, dies with Go's message if the
     * calling M does not hold it. Does nothing when locks are not checked, or off any runtime.
     */
    public static void assertLockHeld(Mutex l) {
        M mp = Switch.getm();
        if (mp == null || !mp.rt.checkLocks || mp.locksHeld.contains(l)) {
            return;
        }
        Panic.print("caller requires lock " + l + " (rank " + l.rank.goName() + "), holding:\n"
                + mp.locksHeld);
        throw Panic.throw_("not holding required lock!");
    }

    /** Whether someone holds the lock (a racy hint, for assertions and reports). */
    public boolean held() {
        return key.load() != 0;
    }

    /** The M holding the lock, when locks are checked (else null): for reports. */
    public M owner() {
        return owner;
    }

    public LockRank rank() {
        return rank;
    }

    @Override
    public String futexKind() {
        return "runtime mutex";
    }

    @Override
    public String toString() {
        return name != null ? name : "mutex (" + rank.goName() + ")";
    }
}
