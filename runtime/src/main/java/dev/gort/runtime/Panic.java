package dev.gort.runtime;

import dev.gort.runtime.os.OsExit;

/**
 * How the runtime reports and dies: Go's {@code print}, {@code throw}, {@code fatal} and the path
 * of an unrecovered panic.
 *
 * <p>Go: panic.go {@code throw}, {@code fatal}, {@code fatalthrow}, {@code fatalpanic}; print.go.
 *
 * <p>Convention, as in Go: details are printed first with {@link #print}, each line prefixed
 * {@code runtime: }, then {@link #throw_} is called with a constant string. A throw prints
 * {@code fatal error: } and the string, then the goroutines, then the process exits with status 2:
 * here that ends this runtime ({@link Gort#run} throws {@link FatalError}) and every thread of it,
 * but not the JVM. The methods never return normally; they are declared to return an exception so
 * that a call site can say {@code throw Panic.throw_("...")} and the compiler knows it ends there.
 */
public final class Panic {
    private Panic() {}

    /** Prints to the current runtime's stderr (Go's print), or to System.err off the runtime. */
    public static void print(String s) {
        M mp = Switch.getm();
        if (mp == null) {
            System.err.print(s);
        } else {
            mp.rt.print(s);
        }
    }

    /** Go: throw. A broken invariant of the runtime: fatal, with runtime frames in the traceback. */
    public static RuntimeException throw_(String s) {
        throw die(FatalError.Kind.THROW, s, null);
    }

    /** throw, keeping the Java exception that broke the invariant as the FatalError's cause. */
    static RuntimeException throwCause(String s, Throwable cause) {
        throw die(FatalError.Kind.THROW, s, cause);
    }

    /** Go: fatal. An unrecoverable error caused by the user's program (a deadlock, go of nil func). */
    public static RuntimeException fatal(String s) {
        throw die(FatalError.Kind.FATAL, s, null);
    }

    /**
     * Go: fatalpanic. A Java exception escaped goroutine {@code gp}: as an unrecovered Go panic it
     * prints {@code panic: } and the value, the goroutine's stack, and kills the process.
     */
    public static RuntimeException fatalpanic(G gp, Throwable t) {
        throw die(FatalError.Kind.PANIC, String.valueOf(t), t);
    }

    /**
     * Go: sigpanic for a SIGSEGV that is not a nil dereference in Go code: prints
     * {@code unexpected fault address 0x...} and throws {@code "fault"}; the dying runtime then prints
     * the signal line ({@code [signal SIGSEGV: segmentation violation code=... addr=...]}).
     *
     * @param code 1 (SEGV_MAPERR: nothing mapped there) or 2 (SEGV_ACCERR: mapped, not accessible)
     */
    public static RuntimeException fault(long addr, int code) {
        print("unexpected fault address 0x" + Long.toHexString(addr) + "\n");
        M mp = Switch.getm();
        if (mp != null) {
            mp.sigcode = code;
            mp.sigaddr = addr;
        }
        throw die(FatalError.Kind.THROW, "fault", null);
    }

    private static Error die(FatalError.Kind kind, String s, Throwable cause) {
        M mp = Switch.getm();
        if (mp == null) {
            // Off the runtime (a data structure used on its own, as in a unit test): no process to
            // end, so the caller gets the error directly.
            throw new FatalError(kind, s, "fatal error: " + s + "\n", cause);
        }
        mp.rt.dieOn(mp, kind, s, cause);
        return new OsExit();
    }
}
