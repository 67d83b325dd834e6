package dev.gort.solutions.stacks;

import dev.gort.chapters.stacks.Chapter02;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;

/** This suite's harness: the shared {@link SuiteHarness}, chapter 02's wiring, and Go's recursions. */
final class Harness extends SuiteHarness {
    private Harness() {}

    /** Go's TestStackGrowth frame: slot 0 a value, slot 1 a pointer to the caller's slot 0, slot 2 an int. */
    static final Func GROW = Func.of("runtime_test.growStack", 6, 1);
    /** A frame of 1000 slots (8 KB): more than a 2 KB stack holds at once. */
    static final Func BIG = Func.of("runtime_test.bigFrame", 1000, 0);

    /** The exercise's configuration with procs Ps. */
    static Config config(String exercise, int procs) {
        return Chapter02.config(exercise, procs);
    }

    /** The student's part for exercise on the simulated OS with this seed. */
    static Gort sim(String exercise, int procs, long seed) {
        return sim(config(exercise, procs), seed);
    }

    /** Runs main on the exercise's runtime (simulated, seed 1) and returns how it died. */
    static FatalError death(Config config, Runnable main) {
        return death(sim(config, 1), main);
    }

    /**
     * Go's growStackIter: n frames deep, each pointing at its caller's value (an argument, read from
     * the caller's frame after the prologue, as Go's arguments live in the caller's frame); slot 2
     * holds an integer that looks like a stack address and must never be adjusted. At the bottom,
     * {@code atBottom} runs. On the way back every pointer must still reach its caller's value.
     */
    static void grow(int caller, int n, Runnable atBottom) {
        int f = Frame.enter(GROW);
        Frame.put(f, 0, 1000L + n);
        if (caller != 0) {
            Frame.put(f, 1, Frame.addr(caller, 0));
        }
        long lookalike = Frame.addr(f, 0); // an integer, not a pointer: copystack must leave it
        Frame.put(f, 2, lookalike);
        if (n > 0) {
            grow(f, n - 1, atBottom);
        } else {
            atBottom.run();
        }
        if (Frame.get(f, 0) != 1000L + n) {
            throw new AssertionError("depth " + n + ": the frame's own value is " + Frame.get(f, 0)
                    + ", not " + (1000L + n) + ": the used part of the stack was not copied intact");
        }
        if (caller != 0 && Frame.load(Frame.get(f, 1)) != 1001L + n) {
            throw new AssertionError("depth " + n + ": the pointer to the caller's variable (0x"
                    + Long.toHexString(Frame.get(f, 1)) + ") no longer reaches it: pointers into the old"
                    + " stack must move by exactly new.hi - old.hi");
        }
        if (Frame.get(f, 2) != lookalike) {
            throw new AssertionError("depth " + n + ": a non-pointer slot was changed from 0x"
                    + Long.toHexString(lookalike) + " to 0x" + Long.toHexString(Frame.get(f, 2))
                    + ": only the slots the pointer map names may be adjusted");
        }
        Frame.leave(f);
    }
}
