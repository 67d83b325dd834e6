package dev.gort.solutions.synchronization;

import dev.gort.chapters.synchronization.Chapter03;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.os.Exploration;
import dev.gort.runtime.os.SimOs;
import java.util.function.BooleanSupplier;

/** This suite's harness: the shared {@link SuiteHarness} plus chapter 03's wiring. */
final class Harness extends SuiteHarness {
    private Harness() {}

    /** The student's part for {@code exercise} in a quiet runtime with {@code procs} Ps. */
    static Gort boot(String exercise, int procs) {
        return boot(Chapter03.config(exercise, procs));
    }

    /** Runs main on the exercise's runtime at GOMAXPROCS=1 and returns how it died (a throw). */
    static FatalError death(String exercise, Runnable main) {
        return death(boot(exercise, 1), main);
    }

    /** The same on the simulated OS with this seed. */
    static Gort sim(String exercise, int procs, long seed) {
        return sim(Chapter03.config(exercise, procs), seed);
    }

    /** The same with {@code percent} % of futexsleeps returning spuriously. */
    static Gort simSpurious(String exercise, int procs, long seed, int percent) {
        return simSpurious(Chapter03.config(exercise, procs), seed, percent);
    }

    /**
     * The same explored by PCT ({@link Exploration#pct}, depth 1: no change points): the highest
     * of random priorities runs until it blocks or spins, so an M woken by another runs ahead of
     * it whenever its priority is higher.
     */
    static Gort simPct(String exercise, int procs, long seed) {
        return boot(Chapter03.config(exercise, procs).simulated(seed).exploration(Exploration.pct(1)));
    }

    /**
     * The OS calls of this kind that {@code mp} (another goroutine's M, say) has made so far, on the
     * simulated OS: what lets a test wait until a thread is asleep in futexsleep, or count its spins.
     */
    static long calls(M mp, SimOs.Call c) {
        return ((SimOs) Gort.current().os).calls(mp, c);
    }

    /** Whether {@code mp} (null: not known yet) has slept in futexsleep since it had {@code before} such sleeps. */
    static boolean asleepSince(M mp, long before) {
        return mp != null && calls(mp, SimOs.Call.FUTEXSLEEP) > before;
    }

    /** Gives up the CPU (osyield) until {@code done} holds, at most {@code n} times: a bounded wait. */
    static void osyieldUntil(BooleanSupplier done, int n) {
        for (int i = 0; i < n && !done.getAsBoolean(); i++) {
            Gort.current().os.osyield();
        }
    }
}
