// tag::essay[]
/**
 * The execution tracer: what each G, M and P did, and when.
 *
 * <p>Go: runtime/trace*.go. Each M appends events to its own buffer (no
 * sharing, no locks on the hot path); an export merges them by time. With
 * tracing off the only cost is a test of a final field.
 *
 * <p>Layer: the bottom, with {@code atomic}. The tracer knows an M only as a
 * {@link dev.gort.runtime.trace.TraceM} (its id and the slot of its buffer).
 */
// end::essay[]
package dev.gort.runtime.trace;
