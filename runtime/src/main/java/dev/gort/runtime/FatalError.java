package dev.gort.runtime;

import dev.gort.runtime.os.DeathReport;

/**
 * A runtime died: a {@code throw} (broken invariant), a {@code fatal} (a user-caused unrecoverable
 * error such as a deadlock), or an unrecovered panic. {@link Gort#run} throws it to its caller; the
 * JVM and other runtimes go on.
 *
 * <p>{@link #getMessage()} is Go's exact string ("all goroutines are asleep - deadlock!");
 * {@link #output()} is everything the runtime printed while dying, as Go prints it to stderr.
 */
public final class FatalError extends RuntimeException implements DeathReport {
    private static final long serialVersionUID = 1L;

    /** How the runtime died. */
    public enum Kind { THROW, FATAL, PANIC }

    private final Kind kind;
    private final String output;

    FatalError(Kind kind, String message, String output, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.output = output;
    }

    public Kind kind() {
        return kind;
    }

    /** The full text the runtime printed while dying ({@code fatal error: ...} and the traceback). */
    @Override
    public String output() {
        return output;
    }
}
