package dev.gort.solutions.synchronization;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.gort.chapters.synchronization.Chapter03;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.part.Parts;

/**
 * What the hidden suites share: runtimes wired for one exercise (the reference runtime with only
 * that exercise's part the student's), on the real or the simulated OS; a host goroutine for
 * calling a part directly where it takes a runtime lock; and a gate that blocks an M in the OS.
 */
final class Harness {
    private Harness() {}

    static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** The student's part for {@code exercise} in a quiet runtime with {@code procs} Ps. */
    static Gort boot(String exercise, int procs) {
        return Gort.boot(Chapter03.config(exercise, procs).stderr(quiet()));
    }

    /** The same on the simulated OS with this seed. */
    static Gort sim(String exercise, int procs, long seed) {
        return Gort.boot(Chapter03.config(exercise, procs).stderr(quiet()).simulated(seed));
    }

    /** The reference runtime on the simulated OS with this seed (for differential checks). */
    static Gort simReference(int procs, long seed) {
        return Gort.boot(Config.defaults().gomaxprocs(procs).parts(Parts.reference()).stderr(quiet())
                .simulated(seed));
    }

    /** {@code n} fresh Gs of {@code rt}, with goids 1000, 1001, ... */
    static List<G> gs(Gort rt, int n) {
        List<G> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            G gp = G.malg(rt);
            gp.goid = 1000 + i;
            list.add(gp);
        }
        return list;
    }

    /** A body that may throw anything, run as a goroutine. */
    @FunctionalInterface
    interface Body {
        void run() throws Throwable;
    }

    /**
     * Runs body as the main goroutine of {@code rt} and rethrows on this thread what it threw
     * (an assertion), or the runtime's FatalError if the runtime died.
     */
    static void run(Gort rt, Body body) {
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

    /**
     * Runs body inside a goroutine of a fresh reference runtime: what a direct call of a part needs
     * when the part takes a runtime lock (sched.lock, sched.gFreeLock), which only an M may hold.
     */
    static void onAnM(Body body) {
        run(Gort.boot(Config.defaults().gomaxprocs(1).stderr(quiet())), body);
    }

    /** Runs body like {@link #onAnM} and returns how the host runtime died; fails if it did not. */
    static FatalError deathOnAnM(String expected, Body body) {
        try {
            onAnM(body);
        } catch (FatalError e) {
            return e;
        }
        throw new AssertionError("expected the runtime to die with throw(\"" + expected
                + "\"), but the call returned normally");
    }

    /**
     * Blocks the calling M in the OS (a futex sleep) until another goroutine opens it: what a
     * blocking system call does to its thread. Use inside Gort.syscall.
     */
    static final class Gate {
        private final Uint32 open = new Uint32();

        void await() {
            Gort rt = Gort.current();
            while (open.load() == 0) {
                rt.os.futexsleep(open, 0, -1);
            }
        }

        void open() {
            open.store(1);
            Gort.current().os.futexwakeup(open, Integer.MAX_VALUE);
        }
    }
}
