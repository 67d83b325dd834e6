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

    /** Go: exit(2), how a Go process ends after a throw, a fatal error or an unrecovered panic. */
    public static final int EXIT_STATUS = 2;
    /** With GOTRACEBACK=crash the process dies of SIGABRT instead: 128 + 6, as a shell reports it. */
    public static final int EXIT_SIGABRT = 128 + 6;

    private final Kind kind;
    private final String output;
    private final int exitStatus;

    FatalError(Kind kind, String message, String output, Throwable cause) {
        this(kind, message, output, cause, EXIT_STATUS);
    }

    FatalError(Kind kind, String message, String output, Throwable cause, int exitStatus) {
        super(message, cause);
        this.kind = kind;
        this.output = output;
        this.exitStatus = exitStatus;
    }

    /**
     * The status the Go process would have ended with: {@value #EXIT_STATUS} (what {@code go run}
     * reports as "exit status 2"), or {@value #EXIT_SIGABRT} when GOTRACEBACK=crash made it abort.
     */
    public int exitStatus() {
        return exitStatus;
    }

    /** Whether the process aborted (GOTRACEBACK=crash: Go raises SIGABRT, and dumps core). */
    public boolean crashed() {
        return exitStatus == EXIT_SIGABRT;
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
