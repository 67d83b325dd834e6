package dev.gort.grader.engine;

import java.time.Duration;

/**
 * What one submission may use.
 *
 * @param wallClock   the whole run of the submission's tests (all its JVMs), after compiling
 * @param testTimeout one test; null means the chapter's own (its manifest's test.timeout)
 * @param heapMb      the test JVM's heap (-Xmx)
 * @param outputLimit bytes a test may print before it fails for flooding the output
 * @param outputKeep  bytes of a test's output kept for the reports
 */
public record Limits(Duration wallClock, Duration testTimeout, int heapMb, long outputLimit,
                     int outputKeep) {

    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(300), null, 512, 1 << 20, 4096);
    }

    public Limits withWallClock(Duration d) {
        return new Limits(d, testTimeout, heapMb, outputLimit, outputKeep);
    }

    public Limits withTestTimeout(Duration d) {
        return new Limits(wallClock, d, heapMb, outputLimit, outputKeep);
    }

    public Limits withHeapMb(int mb) {
        return new Limits(wallClock, testTimeout, mb, outputLimit, outputKeep);
    }

    public Limits withOutputLimit(long bytes) {
        return new Limits(wallClock, testTimeout, heapMb, bytes, outputKeep);
    }
}
