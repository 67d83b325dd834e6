package dev.gort.runtime.os;

/**
 * What the OS layer knows of an M: the thread identity that {@code newosproc} starts and that
 * {@code getm()} finds again. Go hands its OS layer the whole {@code *m}; here the M (declared
 * above, in {@code dev.gort.runtime}) implements this small interface, so that the OS layer sits
 * below the runtime's structures and never imports them (DESIGN.md §2.2a).
 *
 * <p>The reports of a simulation read it to name each thread, its goroutine and the runtime
 * objects it sleeps on. Status: internal.
 */
public interface Machine {
    /** The M's id, as in {@code M3}. */
    long id();

    /** Whether it never runs Gs (sysmon): its timers do not keep a simulation alive. */
    boolean system();

    /** The user G on this M, as a traceback heads it ({@code goroutine 7 [running]}), or null on g0. */
    String curg();

    /** The user G's id, or 0 when the M runs on g0. */
    long curgoid();

    /**
     * The name of {@code o} if this M or its runtime's {@code sched} holds it in a field
     * ({@code sched.lock}, {@code m3.park}), else null: how a report names the owner of a futex word.
     */
    String nameOf(Object o);
}
