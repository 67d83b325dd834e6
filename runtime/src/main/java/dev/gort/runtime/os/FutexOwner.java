package dev.gort.runtime.os;

/**
 * A runtime object whose futex word a thread may sleep on (a runtime mutex, a note): declared
 * here so that a simulation's report can say what kind of object a blocked M waits for without the
 * OS layer importing the locks above it.
 */
public interface FutexOwner {
    /** The kind, as a report prints it before the object's name ({@code runtime mutex}, {@code note}). */
    String futexKind();
}
