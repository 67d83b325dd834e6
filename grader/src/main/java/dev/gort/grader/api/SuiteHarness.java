package dev.gort.grader.api;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.os.SimOs;
import dev.gort.runtime.part.Parts;

/**
 * What every hidden suite shares: quiet runtimes, on the real or the simulated OS; the reference
 * runtime for differential checks; a host goroutine for calling a part directly where it takes a
 * runtime lock; deaths; and a gate that blocks an M in the OS.
 *
 * <p>A suite's own {@code Harness} extends this class and adds its chapter's wiring (one
 * exercise's part inside an otherwise reference runtime), so its tests call everything as
 * {@code Harness.x(...)}.
 */
public class SuiteHarness {
    protected SuiteHarness() {}

    public static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** A quiet runtime booted from {@code config} (a chapter's wiring for one exercise). */
    public static Gort boot(Config config) {
        return Gort.boot(config.stderr(quiet()));
    }

    /** The same on the simulated OS with this seed. */
    public static Gort sim(Config config, long seed) {
        return Gort.boot(config.stderr(quiet()).simulated(seed));
    }

    /**
     * The same with {@code percent} % of blocking futexsleeps returning spuriously (see
     * {@link SimOs#spuriousWakeups}): every wait must re-check its condition in a loop.
     */
    public static Gort simSpurious(Config config, long seed, int percent) {
        Gort rt = sim(config, seed);
        ((SimOs) rt.os).spuriousWakeups(percent);
        return rt;
    }

    /** The same with a step budget: a livelock fails after {@code steps} steps, not the default's 50 M. */
    public static Gort sim(Config config, long seed, long steps) {
        return Gort.boot(config.stderr(quiet()).simulated(seed).stepBudget(steps));
    }

    /** The reference runtime on the simulated OS with this seed (for differential checks). */
    public static Gort simReference(int procs, long seed) {
        return Gort.boot(Config.defaults().gomaxprocs(procs).parts(Parts.reference()).stderr(quiet())
                .simulated(seed));
    }

    /** {@code n} fresh Gs of {@code rt}, with goids 1000, 1001, ... */
    public static List<G> gs(Gort rt, int n) {
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
    public interface Body {
        void run() throws Throwable;
    }

    /**
     * Runs body as the main goroutine of {@code rt} and rethrows on this thread what it threw
     * (an assertion), or the runtime's FatalError if the runtime died.
     */
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

    /**
     * Runs body inside a goroutine of a fresh reference runtime: what a direct call of a part needs
     * when the part takes a runtime lock (sched.lock, sched.gFree.lock), which only an M may hold.
     */
    public static void onAnM(Body body) {
        run(Gort.boot(Config.defaults().gomaxprocs(1).stderr(quiet())), body);
    }

    /**
     * The OS calls the calling goroutine's M has made so far, by {@link SimOs.Call} ordinal (on the
     * simulated OS only): what a primitive costs, e.g. an uncontended unlock makes no futexwakeup.
     */
    public static long[] osCalls() {
        Gort rt = Gort.current();
        if (!(rt.os instanceof SimOs sim)) {
            throw new IllegalStateException("osCalls counts calls on the simulated OS only: boot with sim(...)");
        }
        long[] out = new long[SimOs.Call.values().length];
        for (SimOs.Call c : SimOs.Call.values()) {
            out[c.ordinal()] = sim.calls(Gort.getg().m, c);
        }
        return out;
    }

    /** {@code after - before} for one kind of call (arrays from {@link #osCalls}). */
    public static long delta(long[] before, long[] after, SimOs.Call c) {
        return after[c.ordinal()] - before[c.ordinal()];
    }

    /** Runs main on {@code rt} and returns how the runtime died; fails if main returned normally. */
    public static FatalError death(Gort rt, Runnable main) {
        try {
            rt.run(main);
        } catch (FatalError e) {
            return e;
        }
        throw new AssertionError("expected the runtime to die with a throw, but main returned normally");
    }

    /** Runs body like {@link #onAnM} and returns how the host runtime died; fails if it did not. */
    public static FatalError deathOnAnM(String expected, Body body) {
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
    public static final class Gate {
        private final Uint32 open = new Uint32();

        public void await() {
            Gort rt = Gort.current();
            while (open.load() == 0) {
                rt.os.futexsleep(open, 0, -1);
            }
        }

        public void open() {
            open.store(1);
            Gort.current().os.futexwakeup(open, Integer.MAX_VALUE);
        }
    }
}
