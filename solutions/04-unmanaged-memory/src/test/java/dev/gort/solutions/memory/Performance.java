package dev.gort.solutions.memory;

import java.util.Arrays;
import java.util.function.LongUnaryOperator;

import dev.gort.chapters.memory.Chapter04;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.os.RealOs;
import dev.gort.runtime.part.Parts;

/**
 * Performance credit measured in the same JVM, as CS:APP's malloc lab scores throughput: the
 * student's part and the reference's run the same batch in turns (alternating who goes first),
 * after a warm-up, timed in the thread's CPU time; each round gives a ratio, reference time over student time (1.0: as fast as
 * the reference), and the median round counts. Pairing the two in each round cancels most of a
 * busy machine's noise; a tier is reached within a 15 % allowance for what remains.
 */
final class Performance {
    private Performance() {}

    static final double ALLOWANCE = 0.85; // a tier of r is reached at r * ALLOWANCE
    private static final int WARMUP = 3;
    private static final int ROUNDS = 9;

    /** Unmanaged memory on the real OS, with only {@code exercise}'s part the student's. */
    static Memory yours(String exercise) {
        return new Memory(new RealOs("perf-yours"), true, Chapter04.parts(exercise));
    }

    /** The reference's, the same way. */
    static Memory reference() {
        return new Memory(new RealOs("perf-reference"), true, Parts.reference());
    }

    /**
     * The throughput ratio of two batches: each takes a number of operations and returns the
     * nanoseconds they took.
     */
    static double ratio(LongUnaryOperator yours, LongUnaryOperator reference, long ops) {
        double[] ratios = new double[ROUNDS];
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            long y;
            long r;
            if (round % 2 == 0) { // alternate who goes first: neither side always pays for the other
                y = yours.applyAsLong(ops);
                r = reference.applyAsLong(ops);
            } else {
                r = reference.applyAsLong(ops);
                y = yours.applyAsLong(ops);
            }
            if (round >= WARMUP) {
                ratios[round - WARMUP] = (double) r / Math.max(1, y);
            }
        }
        Arrays.sort(ratios);
        return ratios[ROUNDS / 2];
    }

    /**
     * CPU time of the calling thread, in nanoseconds: on a busy machine the time a batch waits for
     * a CPU is not the code's, and wall-clock time would charge it to whichever side was unlucky.
     */
    static long cpuTime() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** A message that teaches what the ratio means. */
    static String explain(String what, double ratio, double tier) {
        return String.format("%s: your throughput is %.2fx the reference's (measured in this JVM, the median"
                + " of %d paired rounds); this point needs %.1fx (%.2f with the noise allowance)."
                + " Look for work on the fast path: a lock, an allocation, a lookup per call",
                what, ratio, ROUNDS, tier, tier * ALLOWANCE);
    }
}
