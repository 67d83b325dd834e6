package dev.gort.runtime;

import dev.gort.runtime.os.Carrier;
import jdk.internal.vm.Continuation;

/**
 * Switching between a user G's stack and its M's g0: Go's {@code mcall}, {@code systemstack},
 * {@code gogo} and {@code getg}.
 *
 * <p>Go: asm_amd64.s {@code runtime·mcall}, {@code runtime·systemstack}, {@code runtime·gogo};
 * stubs.go {@code getg}.
 *
 * <p>Overview: a user G's stack is its continuation; g0's stack is the M's thread below it. So
 * switching to g0 is a yield: {@link #mcall} and {@link #systemstack} leave the function to run in
 * {@code m.mcallfn} and yield; {@link #gogo}, which resumed the G on g0, gets control back, runs the
 * function on g0 and either resumes the G (systemstack; or an mcall function that decides so) or
 * returns to the scheduler. When the function runs the G's continuation is already unmounted, so
 * another M may resume the G at once (goready from unlockf): exactly the property Go's mcall gives.
 *
 * <p>Invariants: code after {@code mcall} returns may be on another M; it must re-read getg().m.
 * Nothing can preempt g0, and g0 never parks.
 */
public final class Switch {
    private Switch() {}

    /** A function run on g0 for a G that switched away. Returns true to resume that G at once. */
    @FunctionalInterface
    public interface Fn {
        boolean run(M mp, G gp);
    }

    private static final Fn SYSTEMSTACK = (mp, gp) -> {
        Runnable fn = mp.sysfn;
        mp.sysfn = null;
        fn.run();
        return true;
    };

    /**
     * The platform thread running the caller now. Runtime code that may run on a goroutine uses
     * this, never {@link Thread#currentThread()}: the JIT may reuse a
     * thread read across a park, after which the G runs on another M (see {@link Carrier}).
     */
    public static Thread carrier() {
        return Carrier.thread();
    }

    /** The M of the calling thread, or null when the caller is not an M of any runtime. */
    public static M getm() {
        return (M) Carrier.machine();
    }

    /**
     * The M of the calling thread, for a public entry point named {@code call}: a thread outside
     * every runtime gets an error that names the call and says what it expected, never a
     * NullPointerException or a silent return.
     */
    public static M getm(String call) {
        M mp = getm();
        if (mp == null) {
            throw new IllegalStateException(call + " called outside a goroutine: thread "
                    + carrier().getName() + " belongs to no gort runtime, and the call must run on a"
                    + " goroutine or an M of a running one (start code with Gort.run, then Gort.go)");
        }
        return mp;
    }

    /** Go: getg. The G running now: the user G, or g0 in the scheduler or on the system stack. */
    public static G getg() {
        M mp = getm();
        return mp == null ? null : mp.g;
    }

    /**
     * Go: mcall. Switches from the current user G to g0 and runs {@code fn(gp)} there; returns when
     * some M resumes the G.
     */
    public static void mcall(Fn fn) {
        mcall(getm("Switch.mcall"), fn);
    }

    /**
     * mcall from a caller that knows its M. {@code mp} must be the M running the caller now; it is
     * stale once this returns (the G may resume elsewhere).
     */
    public static void mcall(M mp, Fn fn) {
        if (mp.g == mp.g0) {
            throw Panic.throw_("runtime: mcall called on m->g0 stack");
        }
        if (mp.g == mp.gsignal) { // gort's own check: Go's handlers simply never park
            throw Panic.throw_("runtime: mcall called on m->gsignal stack");
        }
        mp.mcallfn = fn;
        Continuation.yield(G.SCOPE);
    }

    /**
     * Go: systemstack. Runs {@code fn} on g0: directly when already there, else by switching the
     * current G out, running it, and switching back to the same G on the same M.
     */
    public static void systemstack(Runnable fn) {
        M mp = getm("Switch.systemstack");
        if (mp.g == mp.g0 || mp.g == mp.gsignal) {
            fn.run();
            return;
        }
        mp.sysfn = fn;
        mp.mcallfn = SYSTEMSTACK;
        Continuation.yield(G.SCOPE);
    }

    /** Whether the caller runs on a system stack: g0, or gsignal in a signal handler. */
    public static boolean onSystemStack() {
        M mp = getm();
        return mp != null && (mp.g == mp.g0 || mp.g == mp.gsignal);
    }

    // tag::sigtramp[]
    /**
     * Go: sigtramp and sigtrampgo. Runs {@code handler} as a signal delivered to
     * the calling thread's M: on gsignal, its own fixed 32 KB stack, whatever it
     * interrupted (a user G, or g0). There {@code getg()} is gsignal and
     * {@code getg().m.curg} the interrupted user G, if any. A handler may not
     * park, grow its stack ("morestack on gsignal") or panic ("panic on system
     * stack"); {@code systemstack} runs its function directly.
     */
    public static void sigtramp(Runnable handler) {
        M mp = getm("Switch.sigtramp");
        G interrupted = mp.g; // gsignal itself for a nested signal: deeper on its stack
        mp.g = mp.gsignal;
        try {
            handler.run();
        } finally {
            mp.g = interrupted;
        }
    }
    // end::sigtramp[]

    /**
     * Go: gogo (and the g0 half of mcall). Runs {@code gp} on {@code mp} until it switches to g0 for
     * a function that does not resume it; then returns to the caller, the scheduler loop.
     */
    public static void gogo(M mp, G gp) {
        for (;;) {
            mp.g = gp;
            gp.cont.run();
            mp.g = mp.g0;
            Fn fn = mp.mcallfn;
            mp.mcallfn = null;
            if (fn == null) {
                throw Panic.throw_("runtime: goroutine stack returned without goexit");
            }
            if (!fn.run(mp, gp)) {
                return;
            }
        }
    }
}
