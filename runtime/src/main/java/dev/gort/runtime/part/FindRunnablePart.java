package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.M;

/**
 * Where the next G comes from: Go: proc.go findRunnable and stealWork. Reference:
 * {@code dev.gort.runtime.sched.FindRunnable}.
 */
public interface FindRunnablePart {
    /**
     * Finds a runnable G for mp (which holds a P), blocking in stopm when there is none. Sets
     * {@code mp.inheritTime} beside the result.
     */
    G findRunnable(M mp);
}
