package dev.gort.grader.api;

import dev.gort.runtime.os.SeedSweep;

/**
 * Runs a seeded check over many seeds, and says how to replay the one that failed.
 *
 * <p>Concurrency tests run under the simulated OS, where a seed fixes the interleaving. A sweep
 * stops at the first failing seed and fails with a message that names the seed and the one-line
 * command that replays exactly that run:
 *
 * <pre>
 * RunQueueStealTest#stealsHalf failed at seed 1234 (seeds 0..1233 passed): AssertionError: ...
 * replay: ./workbook replay 01 --seed 1234 RunQueueStealTest#stealsHalf
 * </pre>
 *
 * <p>The sweep itself is the runtime's {@link SeedSweep}; this class supplies the grader's replay
 * command and its one-seed property.
 *
 * <p>The seed properties mean what they mean in the runtime's own sweeps ({@link SeedSweep#firstSeed},
 * {@link SeedSweep#seedCount}): {@value #SEED_PROPERTY} alone (as {@code ./workbook replay} sets it)
 * runs only that seed; {@code gort.seeds} sets how many; both are read once (see SeedSweep). The grader's test runner sets {@value #TEST_PROPERTY} (the test being run)
 * and {@value #CHAPTER_PROPERTY}; under another runner (an IDE, Maven) the command names the test
 * from the stack instead.
 */
public final class Seeds {
    /** Run only this seed: set by {@code ./workbook replay}. */
    public static final String SEED_PROPERTY = SeedSweep.SEED_PROPERTY;
    /** The test being run ({@code Class#method}), set by the grader's runner. */
    public static final String TEST_PROPERTY = "gort.test";
    /** The chapter being graded ({@code 01}), set by the grader's runner. */
    public static final String CHAPTER_PROPERTY = "gort.chapter";

    private Seeds() {}

    /** The seeds this JVM sweeps (see {@link SeedSweep#settings}): fixes them before student code loads. */
    public static String settings() {
        return SeedSweep.settings();
    }

    /** A check for one seed; it fails by throwing (an assertion or the runtime's own error). */
    @FunctionalInterface
    public interface SeededCheck {
        void run(long seed) throws Exception;
    }

    /**
     * Runs {@code check} for seeds {@code first, first+1, ..., first+count-1} (or only the seed in
     * {@value #SEED_PROPERTY}), stopping at the first failure, which is rethrown as an
     * {@link AssertionError} naming the seed and the replay command, with the original as its cause.
     */
    public static void sweep(long first, int count, SeededCheck check) {
        SeedSweep.run(testName(), SeedSweep.firstSeed(first), SeedSweep.seedCount(count), seed -> {
            try {
                check.run(seed);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e.toString(), e);
            }
        }, Seeds::replayCommand);
    }

    /** {@code ./workbook replay CH --seed S Class#method} for the test running now. */
    public static String replayCommand(long seed) {
        String chapter = System.getProperty(CHAPTER_PROPERTY, "NN");
        return "./workbook replay " + chapter + " --seed " + seed + " " + testName();
    }

    /** The test running now: from the grader's runner, else from the stack. */
    private static String testName() {
        String test = System.getProperty(TEST_PROPERTY);
        return test != null ? test : testFromStack();
    }

    /** The outermost frame in a class named like a test: good enough outside the grader. */
    private static String testFromStack() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().endsWith("Test") || f.getClassName().endsWith("Tests"))
                .reduce((a, b) -> b)
                .map(f -> simpleName(f.getClassName()) + "#" + f.getMethodName())
                .orElse("TEST"));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
