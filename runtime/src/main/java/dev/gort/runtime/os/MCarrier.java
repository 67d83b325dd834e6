package dev.gort.runtime.os;

/**
 * A host thread that carries Ms: a real OS thread carries one M for life; a simulator's thread
 * carries whichever simulated M it is running. {@code getg()} starts here.
 */
public interface MCarrier {
    /** The M running on this thread now, or null. */
    Machine currentM();
}
