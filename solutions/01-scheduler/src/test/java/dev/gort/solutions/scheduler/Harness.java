package dev.gort.solutions.scheduler;

import dev.gort.chapters.scheduler.Chapter01;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.Gort;

/** This suite's harness: the shared {@link SuiteHarness} plus chapter 01's wiring. */
final class Harness extends SuiteHarness {
    private Harness() {}

    /** The student's part for {@code exercise} in a quiet runtime with {@code procs} Ps. */
    static Gort boot(String exercise, int procs) {
        return boot(Chapter01.config(exercise, procs));
    }

    /** The same on the simulated OS with this seed. */
    static Gort sim(String exercise, int procs, long seed) {
        return sim(Chapter01.config(exercise, procs), seed);
    }

    /** The same with a step budget (a livelock fails sooner). */
    static Gort sim(String exercise, int procs, long seed, long steps) {
        return sim(Chapter01.config(exercise, procs), seed, steps);
    }
}
