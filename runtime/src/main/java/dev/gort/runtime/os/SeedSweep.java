package dev.gort.runtime.os;

import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * Runs a scenario over many seeds of the simulated OS and reports the first that fails, with a
 * command line that replays it. gort's own (the grader and the hidden suites use it).
 *
 * <p>The seeds are {@code base, base+1, ..., base+n-1}. Defaults: base 0, n {@value #DEFAULT_SEEDS}
 * (small enough for CI); the system properties override them whatever the caller asked for, which
 * is what makes a replay line work: {@code -Dgort.seed=S} alone runs exactly seed S;
 * {@code -Dgort.seeds=N} runs N seeds (from S when both are set). They are read once, when this
 * class initializes (set them on the command line; setting them later changes nothing).
 *
 * <p>A scenario fails by throwing (an assertion, or the runtime's {@code FatalError}); the sweep
 * stops there and throws an AssertionError whose message names the scenario, the seed and the
 * replay command, then, when the runtime died, what it printed (the simulated OS's report: every
 * M, what it is blocked on, its G and frames, the last OS events), with the scenario's failure as
 * its cause.
 */
public final class SeedSweep {
    private SeedSweep() {}

    /** Seeds tried when neither the caller nor {@value #SEEDS_PROPERTY} says. */
    public static final int DEFAULT_SEEDS = 20;
    /** System property: how many seeds to try. */
    public static final String SEEDS_PROPERTY = "gort.seeds";
    /** The most of a dying runtime's report that a failure message carries. */
    static final int REPORT_MAX = 8000;
    /** System property: the first seed. */
    public static final String SEED_PROPERTY = "gort.seed";

    /** Runs {@code scenario} over the default seeds (see the class comment). */
    public static void run(String name, LongConsumer scenario) {
        run(name, DEFAULT_SEEDS, scenario, caller());
    }

    /** Runs {@code scenario} over {@code seeds} seeds, unless {@value #SEEDS_PROPERTY} says otherwise. */
    public static void run(String name, int seeds, LongConsumer scenario) {
        run(name, seeds, scenario, caller());
    }

    // Read once, when the class initializes: a grader's test JVM initializes it before any
    // student code loads, so a submission cannot change the sweep by setting the properties.
    private static final Long SEED = Long.getLong(SEED_PROPERTY);          // null: not set
    private static final Integer SEEDS = Integer.getInteger(SEEDS_PROPERTY); // null: not set

    /**
     * The sweep settings this JVM runs with, from {@value #SEED_PROPERTY} and
     * {@value #SEEDS_PROPERTY} as they were when this class initialized (a test runner calls it
     * first, to fix them): {@code "seed base 0, seeds as each caller asks"}.
     */
    public static String settings() {
        return "seed base " + (SEED == null ? "as each caller asks" : SEED) + ", seeds "
                + (SEEDS != null ? SEEDS : SEED != null ? "1" : "as each caller asks");
    }

    private static void run(String name, int seeds, LongConsumer scenario, String test) {
        run(name, firstSeed(0), seedCount(seeds), scenario, seed -> replayCommand(test, seed));
    }

    /**
     * The first seed of a sweep whose caller asked to start at {@code callerFirst}: the value of
     * {@value #SEED_PROPERTY} when set. Every sweep in gort (the runtime's tests, the visible tests,
     * the hidden suites) reads the properties through this and {@link #seedCount}, so that they
     * mean the same everywhere.
     */
    public static long firstSeed(long callerFirst) {
        return firstSeed(SEED, callerFirst);
    }

    /**
     * How many seeds a sweep runs whose caller asked for {@code callerCount}: {@value #SEEDS_PROPERTY}
     * when set; else exactly one when {@value #SEED_PROPERTY} is set (a replay); else the caller's.
     */
    public static int seedCount(int callerCount) {
        return seedCount(SEED, SEEDS, callerCount);
    }

    static long firstSeed(Long seed, long callerFirst) {
        return seed != null ? seed : callerFirst;
    }

    static int seedCount(Long seed, Integer seeds, int callerCount) {
        return seeds != null ? seeds : seed != null ? 1 : callerCount;
    }

    /**
     * Runs {@code scenario} over exactly the seeds {@code base .. base+n-1} (no system property is
     * read), stopping at the first failure, whose message ends with {@code replay(seed)}. For tools
     * that replay differently (the grader's {@code ./workbook replay}). Errors of the JVM itself (out
     * of memory) are not the seed's fault and pass through unwrapped.
     */
    public static void run(String name, long base, int n, LongConsumer scenario, LongFunction<String> replay) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of seeds must be >= 1, got " + n
                    + " (-D" + SEEDS_PROPERTY + " or the caller)");
        }
        for (long seed = base; seed < base + n; seed++) {
            try {
                scenario.accept(seed);
            } catch (VirtualMachineError e) {
                if (!(e instanceof StackOverflowError)) {
                    throw e;
                }
                throw new AssertionError(failure(name, seed, base, e, replay.apply(seed)), e);
            } catch (Throwable t) {
                throw new AssertionError(failure(name, seed, base, t, replay.apply(seed)), t);
            }
        }
    }

    /** The message of a failed sweep: what failed, at which seed, and how to replay it. */
    static String failure(String name, long seed, long base, Throwable t, String replay) {
        String why = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        String before = seed == base ? "the first seed tried"
                : "seeds " + base + ".." + (seed - 1) + " passed";
        String report = DeathReport.of(t, REPORT_MAX);
        return name + " failed at seed " + seed + " (" + before + "): " + t.getClass().getSimpleName()
                + ": " + why + "\n"
                + "replay: " + replay
                + (report.isEmpty() ? "" : "\n\n" + DeathReport.HEADING + "\n" + report);
    }

    /** The command line that runs test {@code Class#method} at exactly this seed. */
    public static String replayCommand(String test, long seed) {
        return "./workbook test -Dtest=" + test + " -D" + SEED_PROPERTY + "=" + seed + " -D"
                + SEEDS_PROPERTY + "=1";
    }

    /**
     * The test that called the sweep, as Surefire names it: SimpleClassName#method. That is the
     * nearest caller that is a named method outside JUnit, so that a sweep inside a lambda or
     * {@code assertThrows} still names its test.
     */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(SeedSweep.class.getName()))
                .filter(f -> !f.getMethodName().startsWith("lambda$"))
                .filter(f -> !f.getClassName().startsWith("org.junit."))
                .findFirst()
                .map(f -> simpleName(f.getClassName()) + "#" + f.getMethodName())
                .orElse("?"));
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        int nested = s.indexOf('$');
        return nested < 0 ? s : s.substring(0, nested);
    }
}
