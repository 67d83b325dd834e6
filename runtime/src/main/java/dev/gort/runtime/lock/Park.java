package dev.gort.runtime.lock;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.sched.Sysmon;

/**
 * Parking and readying goroutines: the wait that blocks only the G. Its M goes on to run others.
 *
 * <p>Go: proc.go {@code gopark}, {@code goparkunlock}, {@code park_m}, {@code goready},
 * {@code ready}.
 *
 * <p>The race to get right is the lost wakeup: a G that decides to wait must become findable by its
 * waker only once it is really parked. gopark therefore switches to g0 first, marks the G
 * {@code _Gwaiting}, and only then calls {@code unlockf}, which publishes the G (or releases the
 * lock the waker needs). From that moment the waker may ready it, even before park_m returns; if
 * unlockf returns false (the event already happened) the G is resumed at once. The algorithm is a
 * part ({@link Parking} by default).
 */
public final class Park {
    private Park() {}

    private static final UnlockFunc PARKUNLOCK_C = (gp, lock) -> {
        Mutex.unlock((Mutex) lock);
        return true;
    };

    /**
     * Go: gopark. Puts the current goroutine into a waiting state and calls unlockf on the system
     * stack; the goroutine runs again after someone calls {@link #goready} on it.
     */
    public static void gopark(UnlockFunc unlockf, Object lock, WaitReason reason) {
        gopark(Switch.getm("Park.gopark"), unlockf, lock, reason);
    }

    /** gopark from a caller that knows its M ({@code mp}: the M running the caller now). */
    public static void gopark(M mp, UnlockFunc unlockf, Object lock, WaitReason reason) {
        if (mp.outside.load() != M.OUTSIDE_NONE) {
            mp = Sysmon.reenter(mp);
        }
        if (reason == null) {
            throw new IllegalArgumentException("Park.gopark: reason must not be null (use"
                    + " WaitReason.ZERO when there is none)");
        }
        mp.rt.parts.park().gopark(mp, unlockf, lock, reason);
    }

    /** Go: goparkunlock. Parks and unlocks the runtime mutex {@code lock} once parked. */
    public static void goparkunlock(Mutex lock, WaitReason reason) {
        gopark(Switch.getm("Park.goparkunlock"), PARKUNLOCK_C, lock, reason);
    }

    /**
     * Go: goready. Makes a waiting goroutine runnable: it goes to the current P's runnext, so it
     * runs as soon as the caller blocks or yields, inheriting the time slice.
     */
    public static void goready(G gp) {
        goready(Switch.getm("Park.goready"), gp);
    }

    /** goready from a caller that knows its M ({@code mp}: the M running the caller now). */
    public static void goready(M mp, G gp) {
        if (mp != null && mp.outside.load() != M.OUTSIDE_NONE) {
            mp = Sysmon.reenter(mp);
        }
        if (mp == null || mp.rt != gp.rt) {
            throw new IllegalStateException("goready must be called from a goroutine (or the system"
                    + " stack) of the runtime that owns " + gp);
        }
        mp.rt.parts.park().ready(mp, gp, true);
    }
}
