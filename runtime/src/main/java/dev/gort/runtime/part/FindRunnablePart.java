package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.M;

/**
 * Where the next G comes from: Go: proc.go findRunnable and stealWork. Reference:
 * {@code dev.gort.runtime.sched.FindRunnable}.
 */
public interface FindRunnablePart {
    /**
     * Finds a runnable G for mp (which holds a P), blocking in stopm when there is none. Go returns
     * {@code (gp, inheritTime, tryWakeP)}; here the G is the return value and the rest go into
     * {@code r}, which the caller owns ({@code schedule} keeps one per M on its g0 stack, so that
     * the call allocates nothing).
     */
    G findRunnable(M mp, Result r);

    /** findRunnable's results beside the G, as Go's named results. Owned by the caller. */
    final class Result {
        /** Whether the G takes over the current time slice (it came from runnext). */
        public boolean inheritTime;
    }
}
