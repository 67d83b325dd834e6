package dev.gort.grader;

import java.time.Duration;

import dev.gort.grader.engine.Limits;
import picocli.CommandLine.Option;

/** The resource limits of a graded run, shared by check, grade and replay. */
final class LimitOptions {
    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "300",
            description = "Wall-clock budget for one submission's tests, all JVMs together"
                    + " (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--test-timeout", paramLabel = "SECONDS",
            description = "Limit per test (default: the chapter's, usually 10).")
    Double testTimeout;

    @Option(names = "--heap", paramLabel = "MB", defaultValue = "512",
            description = "Heap of the test JVM (default: ${DEFAULT-VALUE}).")
    int heapMb;

    @Option(names = "--output-limit", paramLabel = "BYTES", defaultValue = "1048576",
            description = "What one test may print before it fails for flooding the output"
                    + " (default: ${DEFAULT-VALUE}).")
    long outputLimit;

    Limits limits() {
        Limits l = Limits.defaults().withWallClock(Duration.ofMillis((long) (timeLimit * 1000)))
                .withHeapMb(heapMb).withOutputLimit(outputLimit);
        return testTimeout == null ? l : l.withTestTimeout(Duration.ofMillis((long) (testTimeout * 1000)));
    }
}
