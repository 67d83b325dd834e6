package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;

/**
 * Parking and readying goroutines. Go: proc.go gopark, park_m, ready. Reference:
 * {@code dev.gort.runtime.lock.Parking}.
 */
public interface ParkPart {
    /** Parks the user G running on mp; unlockf runs on g0 once it is waiting. */
    void gopark(M mp, UnlockFunc unlockf, Object lock, WaitReason reason);

    /** Makes the waiting gp runnable on mp's P (in runnext when {@code next}). */
    void ready(M mp, G gp, boolean next);
}
