package dev.gort.grader.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a seeded check over many seeds, and says how to replay the one that failed.
 *
 * <p>Concurrency tests run under the simulated OS, where a seed fixes the interleaving. A sweep
 * stops at the first failing seed and fails with a message that names the seed and the one-line
 * command that replays exactly that run:
 *
 * <pre>
 * seed 1234 of 200: runqsteal lost a G: ... expected 64 Gs in total, found 63
 *   replay: ./workbook replay 01 --seed 1234 RunQueueStealTest#stealsHalf
 * </pre>
 *
 * <p>When the system property {@value #SEED_PROPERTY} is set (by {@code ./workbook replay}), a sweep
 * runs only that seed. The grader's test runner sets {@value #TEST_PROPERTY} (the test being run)
 * and {@value #CHAPTER_PROPERTY}; under another runner (an IDE, Maven) the command names the test
 * from the stack instead.
 */
public final class Seeds {
    /** Run only this seed: set by {@code ./workbook replay}. */
    public static final String SEED_PROPERTY = "gort.seed";
    /** The test being run ({@code Class#method}), set by the grader's runner. */
    public static final String TEST_PROPERTY = "gort.test";
    /** The chapter being graded ({@code 01}), set by the grader's runner. */
    public static final String CHAPTER_PROPERTY = "gort.chapter";

    private Seeds() {}

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
        List<Long> seeds = new ArrayList<>();
        String only = System.getProperty(SEED_PROPERTY);
        if (only != null && !only.isBlank()) {
            seeds.add(Long.parseLong(only.trim()));
        } else {
            for (int i = 0; i < count; i++) {
                seeds.add(first + i);
            }
        }
        for (long seed : seeds) {
            try {
                check.run(seed);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                    throw vme; // out of memory and the like: not the seed's fault
                }
                throw new AssertionError(failure(seed, seeds.size(), t), t);
            }
        }
    }

    /** The message for a failure at {@code seed}: what went wrong, then the replay command. */
    static String failure(long seed, int of, Throwable t) {
        String what = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return String.format(Locale.ROOT, "seed %d%s: %s%n  replay: %s", seed,
                of > 1 ? " (of " + of + " seeds tried)" : "", what, replayCommand(seed));
    }

    /** {@code ./workbook replay CH --seed S Class#method} for the test running now. */
    public static String replayCommand(long seed) {
        String chapter = System.getProperty(CHAPTER_PROPERTY, "NN");
        String test = System.getProperty(TEST_PROPERTY);
        if (test == null) {
            test = testFromStack();
        }
        return "./workbook replay " + chapter + " --seed " + seed + " " + test;
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
