package dev.gort.runtime.os;

import dev.gort.runtime.atomic.Uint32;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * A simulated OS thread: the thread of one M under {@link SimOs}, a continuation (scope "OS") that
 * runs the M's {@code mstart} and, nested inside it, the continuations of the Gs the M runs.
 *
 * <p>Invariants: only the simulation's host thread touches a SimM, and at most one SimM is mounted
 * at a time. A SimM is in exactly one state; {@code futex} and {@code deadline} are meaningful only
 * while it is {@link State#BLOCKED}.
 */
final class SimM {
    /** What a simulated thread is doing. */
    enum State {
        RUNNABLE, // may be chosen to run (the running one included)
        BLOCKED,  // in futexsleep (futex != null) or usleep (futex == null), until woken or deadline
        DONE      // mstart returned: the thread is gone
    }

    static final ContinuationScope SCOPE = new ContinuationScope("OS");
    static final long NO_DEADLINE = Long.MAX_VALUE;

    // immutable after creation:
    final Machine m;                      // the M this thread carries
    final Continuation cont;         // the thread's stack: mstart, then Gs nested inside

    // owned by the host thread:
    State state = State.RUNNABLE;
    Uint32 futex;                    // the word it sleeps on; null in usleep
    long deadline = NO_DEADLINE;     // virtual time at which a timed sleep ends
    long priority;                   // PCT's priority; unused by the random walk
    boolean inKernel;                // inside a SimOs call: its atomics are not scheduling points
    boolean pinned;                  // the last yield failed: a native frame or class initializer is on the stack
    final long[] calls = new long[SimOs.Call.values().length]; // OS calls made, by kind

    SimM(Machine m, Runnable mstart) {
        this.m = m;
        this.cont = new Continuation(SCOPE, mstart) {
            @Override
            protected void onPinned(Continuation.Pinned reason) {
                pinned = true; // the caller of yield decides what to do
            }
        };
    }

    boolean timed() {
        return deadline != NO_DEADLINE;
    }

    @Override
    public String toString() {
        return "M" + m.id();
    }
}
