package dev.gort.solutions.memory;

import dev.gort.chapters.memory.Chapter04;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.part.Parts;

/** This suite's harness: the shared {@link SuiteHarness} plus chapter 04's wiring. */
final class Harness extends SuiteHarness {
    private Harness() {}

    /** The student's part for {@code exercise} in a quiet runtime on the real OS. */
    static Gort boot(String exercise, int procs) {
        return boot(Chapter04.config(exercise, procs));
    }

    /** The same on the simulated OS with this seed. */
    static Gort sim(String exercise, int procs, long seed) {
        return sim(Chapter04.config(exercise, procs), seed);
    }

    /** The same with at most {@code limit} bytes mapped (mmap fails beyond, like ulimit -v). */
    static Gort limited(String exercise, long limit) {
        return boot(Chapter04.config(exercise, 1).memoryLimit(limit));
    }

    /** The same on the simulated OS (seed 1), whose kernel side a test can inspect. */
    static Gort simLimited(String exercise, long limit) {
        return sim(Chapter04.config(exercise, 1).memoryLimit(limit), 1);
    }

    /** Runs main on the exercise's runtime (simulated, seed 1) and returns how it died. */
    static FatalError death(String exercise, Runnable main) {
        return death(sim(exercise, 1, 1), main);
    }

    /** Runs body on the exercise's simulated runtime and hands it that runtime's memory. */
    static void withMemory(String exercise, int procs, long seed, MemoryBody body) {
        run(sim(exercise, procs, seed), () -> body.run(Gort.current().mem));
    }

    /** The reference runtime's memory, in a runtime of its own (for differential checks). */
    static Gort reference(int procs, long seed) {
        return sim(Config.defaults().gomaxprocs(procs).parts(Parts.reference()), seed);
    }

    @FunctionalInterface
    interface MemoryBody {
        void run(Memory mem) throws Throwable;
    }
}
