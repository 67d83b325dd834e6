package dev.gort.runtime;

/**
 * A Go panic in flight: what {@link Gort#panic} throws, carrying the value passed to it. Catching it
 * is Go's {@code recover}; one that escapes a goroutine kills the runtime, which prints
 * {@code panic: } and the value, as any Java exception escaping a goroutine does.
 *
 * <p>Go: runtime2.go {@code _panic} (its {@code arg}), panic.go {@code printpanicval}.
 */
public final class GoPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;
    final transient Traceback.Sim frames; // the goroutine's simulated frames when it panicked

    GoPanic(Object value, Traceback.Sim frames) {
        super(printpanicval(value));
        this.value = value;
        this.frames = frames;
    }

    /** The value passed to {@link Gort#panic}: what {@code recover()} returns in Go. */
    public Object value() {
        return value;
    }

    /** The panic as Go prints it after {@code panic: }: the value itself, not a Java exception's name. */
    @Override
    public String toString() {
        return getMessage();
    }

    /**
     * Go: printpanicval. A string as it is, an error (a Java exception) by its text, anything else by
     * its {@code toString} (Go's Stringer); nil as Go 1.21's PanicNilError says.
     */
    static String printpanicval(Object v) {
        return v == null ? "panic called with nil argument" : String.valueOf(v);
    }
}
