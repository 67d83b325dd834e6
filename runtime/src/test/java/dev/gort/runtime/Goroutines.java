package dev.gort.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test support: run code on goroutines of a fresh runtime and get failures back on the test thread.
 */
public final class Goroutines {
    private Goroutines() {}

    /** Code that may throw anything (an AssertionError from inside a goroutine included). */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    /** A runtime whose fatal output is kept quiet (tests check it through FatalError.output()). */
    public static Gort boot(int procs) {
        return Gort.boot(Config.defaults().gomaxprocs(procs).stderr(quiet()));
    }

    /** Runs body as the main goroutine of a fresh runtime with {@code procs} Ps; rethrows its failure. */
    public static void run(int procs, Body body) {
        run(boot(procs), body);
    }

    /** Runs body as the main goroutine of {@code rt}; rethrows its failure on the calling thread. */
    public static void run(Gort rt, Body body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        rt.run(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Throwable t = failure.get();
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t != null) {
            throw new AssertionError(t);
        }
    }

    /** Runs main on a fresh runtime and returns how it died; fails if it did not. */
    public static FatalError death(int procs, Runnable main) {
        try {
            boot(procs).run(main);
        } catch (FatalError e) {
            return e;
        }
        throw new AssertionError("the runtime was expected to die, but main returned normally");
    }

    public static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
