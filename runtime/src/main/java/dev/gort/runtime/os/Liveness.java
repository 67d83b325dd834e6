package dev.gort.runtime.os;

/**
 * A state of the runtime above the OS that may occur for a moment but must never last: the
 * simulated OS samples it and reports the run when it has held for longer than a limit of virtual
 * time. gort's own (Go checks the same property only by its design and its tests).
 *
 * <p>Declared here so that the OS layer names no scheduler type; the scheduler implements it
 * (stranded work: a runnable G, an idle P and no spinning M).
 *
 * <p>Called on the simulation's host thread inside the running M, with that M's scheduling points
 * off: an implementation reads the runtime's state racily and never blocks or locks.
 */
public interface Liveness {
    /** A one-line name of what is wrong now, or null while all is well. */
    String violation();

    /** The runtime's state for the report (every P, every M's scheduling fields), line by line. */
    String state();
}
