package dev.gort.runtime.os;

import java.util.List;

/**
 * One run's policy for choosing the next simulated M ({@link Exploration} makes one per run).
 *
 * <p>Invariants: deterministic given the random source it was made with and the calls it sees;
 * called only by the simulation's host thread.
 */
abstract class Strategy {
    /** A new thread exists. */
    abstract void started(SimM m);

    /** The thread asked to give up the CPU (osyield, procyield): a hint that it spins. */
    abstract void yielded(SimM m);

    /**
     * Chooses among {@code runnable} (never empty; in a deterministic order) at scheduling point
     * number {@code step}. {@code running} is the thread that reached the point, or null when none
     * runs (the host is choosing after a block, an exit or a clock jump).
     */
    abstract SimM pick(List<SimM> runnable, SimM running, long step);
}
