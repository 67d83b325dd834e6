package dev.gort.runtime.trace;

/**
 * An M as the tracer sees it: its id and the slot that holds its buffer. Go: runtime2.go
 * {@code m.trace} (an M's per-thread trace state). The M, declared above in
 * {@code dev.gort.runtime}, implements it, so the tracer sits below the runtime and never imports it.
 *
 * <p>Status: internal. Only the M's own thread calls {@link #tracebuf(TraceBuf)}.
 */
public interface TraceM {
    /** The M's id, recorded with each event. */
    long id();

    /** This M's trace buffer, or null before its first event. */
    TraceBuf tracebuf();

    /** Installs this M's trace buffer (the tracer does, at the M's first event). */
    void tracebuf(TraceBuf buf);
}
