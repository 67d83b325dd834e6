package dev.gort.runtime;

import dev.gort.runtime.os.OsExit;
import java.util.ArrayList;
import java.util.List;

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

    // tag::print[]
    /**
     * Go's print of a string: written straight to fd 2 of the current
     * runtime's process through its OS, allocating nothing; off every runtime,
     * to System.err. Each call is one write, so a line printed in one call is
     * never torn by another M's output.
     */
    public static void print(String s) {
        M mp = Switch.getm();
        if (mp == null) {
            System.err.print(s);
        } else {
            Print.string(mp, s);
        }
    }
    // end::print[]

    /** Go's print of an integer, in decimal, allocating nothing. */
    public static void print(long v) {
        M mp = Switch.getm();
        if (mp == null) {
            System.err.print(v);
        } else {
            Print.decimal(mp, v);
        }
    }

    /** Go's print of a pointer or {@code hex(v)}: {@code 0x} and lower-case hex digits, unsigned. */
    public static void printhex(long v) {
        M mp = Switch.getm();
        if (mp == null) {
            System.err.print("0x" + Long.toHexString(v));
        } else {
            Print.hex(mp, v);
        }
    }

    /** Go's println of one string: the string and a newline. */
    public static void println(String s) {
        print(s);
        print("\n");
    }

    /** Go's println of one integer. */
    public static void println(long v) {
        print(v);
        print("\n");
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

    // tag::fatalpanic[]
    /**
     * Go: fatalpanic. A Java exception escaped goroutine {@code gp}: as an
     * unrecovered Go panic it prints {@code panic: } and the value (earlier
     * panics that were recovered first, each marked so), the goroutine's stack,
     * and kills the process. Go's refusals still apply: a panic where the runtime
     * cannot unwind is a throw, and so is a runtime error raised in runtime code.
     */
    public static RuntimeException fatalpanic(G gp, Throwable t) {
        M mp = Switch.getm();
        if (mp != null) {
            panicCheck(mp, t);
            if (!(t instanceof GoPanic) && runtimeError(t)
                    && Traceback.isRuntime(t.getStackTrace()[0].getClassName())) {
                throw throwCause(t.toString(), t); // Go: panicCheck1
            }
        }
        throw die(FatalError.Kind.PANIC, String.valueOf(t), t);
    }
    // end::fatalpanic[]

    // tag::panicCheck[]
    /**
     * Go: gopanic's refusals. A panic on the system stack, inside malloc, with
     * preemption off or holding runtime locks cannot unwind safely: it prints
     * {@code panic: } and the value, then throws.
     */
    static void panicCheck(M mp, Object v) {
        if (mp.g != mp.curg) {
            refuse(v, "panic on system stack");
        }
        if (mp.mallocing != 0) {
            refuse(v, "panic during malloc");
        }
        if (mp.preemptoff != null) {
            print("panic: " + value(v) + "\npreempt off reason: "
                    + mp.preemptoff + "\n");
            throw throw_("panic during preemptoff");
        }
        if (mp.locks != 0) {
            refuse(v, "panic holding locks");
        }
    }
    // end::panicCheck[]

    private static void refuse(Object v, String why) {
        print("panic: " + value(v) + "\n");
        throw throw_(why);
    }

    private static String value(Object v) {
        return v instanceof Throwable t ? t.toString() : GoPanic.printpanicval(v);
    }

    /** Java's counterparts of Go's runtime errors (index out of range, nil dereference, ...). */
    private static boolean runtimeError(Throwable t) {
        return t instanceof IndexOutOfBoundsException || t instanceof NullPointerException
                || t instanceof ArithmeticException || t instanceof ClassCastException
                || t instanceof NegativeArraySizeException || t instanceof ArrayStoreException;
    }

    /**
     * Go: printpanics. The chain of panics that ended the goroutine, oldest first: a Java
     * exception's causes are the panics recovered (caught) before it was thrown.
     */
    static String printpanics(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        StringBuilder b = new StringBuilder();
        for (int i = chain.size() - 1; i >= 0; i--) {
            b.append("panic: ").append(chain.get(i)).append(i > 0 ? " [recovered]\n\t" : "\n");
        }
        return b.toString();
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
