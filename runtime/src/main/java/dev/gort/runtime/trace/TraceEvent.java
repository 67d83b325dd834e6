package dev.gort.runtime.trace;

/**
 * One traced event.
 *
 * @param ts   nanoseconds since the runtime booted
 * @param type one of the {@code Tracer} event types
 * @param g    the goroutine concerned (0 when none)
 * @param p    the P concerned (-1 when none)
 * @param m    the M that recorded it
 * @param arg  type-specific: wait reason ordinal for a park, victim P for a steal, ...
 */
public record TraceEvent(long ts, int type, long g, int p, long m, long arg) {
    /** The event type's name, e.g. {@code GoPark}. */
    public String typeName() {
        return Tracer.NAMES[type];
    }
}
