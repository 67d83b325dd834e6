package dev.gort.runtime.atomic;

/**
 * Where a simulated OS may switch threads: every operation of this package calls
 * {@link #reached()} first. gort's own device; Go has none (its atomics are single instructions).
 *
 * <p>Invariants: {@link #active} is true exactly while at least one simulation runs in the JVM
 * (counted by {@link #simulationStarted} / {@link #simulationEnded}); only then is the hook called.
 * On the real OS an operation therefore pays one read of a static field and a branch that is never
 * taken, which the JIT predicts perfectly. The hook decides for itself whether the calling thread
 * belongs to a simulation: atomics are shared by every runtime in the JVM.
 *
 * <p>Status: internal; only {@code dev.gort.runtime.os.SimOs} installs the hook.
 */
public final class SchedulingPoint {
    private SchedulingPoint() {}

    /** What a simulation does at a scheduling point. */
    @FunctionalInterface
    public interface Hook {
        void reached();
    }

    // Deliberately plain (not volatile): a stale false only skips points in code running before a
    // simulation began, and a volatile read on every atomic would cost the real OS a fence.
    static boolean active;

    private static volatile Hook hook;
    private static int running; // guarded by SchedulingPoint.class: simulations running now

    /**
     * A scheduling point outside this package: the simulated frame prologue makes one, so that a
     * loop that only makes calls lets the simulated OS run its other threads (sysmon among them).
     */
    public static void point() {
        if (active) {
            reached();
        }
    }

    /** Called by every operation of this package before it acts. */
    static void reached() {
        Hook h = hook;
        if (h != null) {
            h.reached();
        }
    }

    /** A simulation begins: from now on the operations call {@code h}. Every simulation installs the same hook. */
    public static synchronized void simulationStarted(Hook h) {
        if (hook != null && hook != h) {
            throw new IllegalStateException("a different scheduling-point hook is already installed");
        }
        hook = h;
        running++;
        active = true;
    }

    /** A simulation ended; the last one to end turns the points off. */
    public static synchronized void simulationEnded() {
        if (--running == 0) {
            active = false;
        }
    }
}
