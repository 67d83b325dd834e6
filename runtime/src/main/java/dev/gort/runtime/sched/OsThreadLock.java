package dev.gort.runtime.sched;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;

/**
 * Wiring a goroutine to its thread: Go's LockOSThread. While a G is locked to its M, that M runs
 * only that G, and the G runs only on that M: when the G parks the M hands its P to another M and
 * sleeps ({@link Threads#stoplockedm}); whoever finds the G runnable hands a P back to its M
 * ({@link Threads#startlockedm}). A G that exits while locked takes its thread with it.
 *
 * <p>Go: proc.go {@code LockOSThread}, {@code UnlockOSThread}, {@code lockOSThread},
 * {@code unlockOSThread}, {@code dolockOSThread}, {@code dounlockOSThread},
 * {@code badunlockosthread}.
 *
 * <p>Two nesting counts on the M, as in Go: {@code lockedExt} for the program's calls and
 * {@code lockedInt} for the runtime's own; the G stays locked while either is non-zero. Go also
 * keeps a template thread to start new Ms from, because a locked thread may carry odd kernel state
 * that a clone would inherit; a Java thread inherits nothing of the kind, so gort has none.
 *
 * <p>Called on the G itself (its M's fields are the M's own), with no lock held.
 */
public final class OsThreadLock {
    private OsThreadLock() {}

    // tag::LockOSThread[]
    /** Go: LockOSThread. Wires the calling G to its M; calls nest. */
    public static void LockOSThread(M mp) {
        mp.lockedExt++;
        if (mp.lockedExt == 0) { // wrapped round, as Go's uint32 does
            mp.lockedExt--;
            throw new IllegalStateException("LockOSThread nesting overflow");
        }
        dolockOSThread(mp);
    }

    /** Go: UnlockOSThread. Undoes one LockOSThread; with none to undo, nothing. */
    public static void UnlockOSThread(M mp) {
        if (mp.lockedExt == 0) {
            return;
        }
        mp.lockedExt--;
        dounlockOSThread(mp);
    }
    // end::LockOSThread[]

    /** Go: lockOSThread. The runtime's own lock (counted apart from the program's). */
    public static void lockOSThread(M mp) {
        mp.lockedInt++;
        dolockOSThread(mp);
    }

    /** Go: unlockOSThread. Undoes the runtime's own lock; one too many is a runtime bug. */
    public static void unlockOSThread(M mp) {
        if (mp.lockedInt == 0) {
            throw Panic.throw_("runtime: internal error: misuse of lockOSThread/unlockOSThread");
        }
        mp.lockedInt--;
        dounlockOSThread(mp);
    }

    private static void dolockOSThread(M mp) {
        G gp = mp.curg;
        mp.lockedg = gp;
        gp.lockedm = mp;
    }

    /** Unwires the G only once both counts are zero. */
    private static void dounlockOSThread(M mp) {
        if (mp.lockedInt != 0 || mp.lockedExt != 0) {
            return;
        }
        G gp = mp.curg;
        mp.lockedg = null;
        gp.lockedm = null;
    }
}
