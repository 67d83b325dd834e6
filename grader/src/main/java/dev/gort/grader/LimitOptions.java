package dev.gort.grader;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Limits;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The resource limits of a graded run, shared by check, grade and replay. */
final class LimitOptions {
    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "300",
            description = "Wall-clock budget for one submission's tests, all JVMs together"
                    + " (default: ${DEFAULT-VALUE}).")
    double timeLimit;

    @Option(names = "--test-timeout", paramLabel = "SECONDS",
            description = "Limit per test (default: the chapter's test.timeout).")
    Double testTimeout;

    @Option(names = "--heap", paramLabel = "MB", defaultValue = "512",
            description = "Heap of the test JVM (default: ${DEFAULT-VALUE}).")
    int heapMb;

    @Option(names = "--output-limit", paramLabel = "BYTES", defaultValue = "1048576",
            description = "What one test may print before it fails for flooding the output"
                    + " (default: ${DEFAULT-VALUE}).")
    long outputLimit;

    /**
     * Puts the per-test limit that applies into {@code --test-timeout}'s help: the chapters' own
     * {@code test.timeout}, read from their manifests, so that the help never names a value that
     * no chapter uses.
     */
    static void showChapterTimeouts(CommandLine top, List<Chapter> chapters) {
        if (chapters.isEmpty()) {
            return;
        }
        Map<BigDecimal, List<String>> byTimeout = new TreeMap<>();
        for (Chapter ch : chapters) {
            byTimeout.computeIfAbsent(seconds(ch.testTimeout()), t -> new ArrayList<>()).add(ch.number());
        }
        String applies = byTimeout.size() == 1
                ? byTimeout.keySet().iterator().next().toPlainString() + " s, the test.timeout of every chapter"
                : byTimeout.entrySet().stream().map(e -> e.getValue().stream().collect(Collectors.joining(
                        " and ", "chapter ", ": " + e.getKey().toPlainString() + " s")))
                        .collect(Collectors.joining("; "));
        for (CommandLine c : top.getSubcommands().values()) {
            OptionSpec o = c.getCommandSpec().findOption("--test-timeout");
            if (o != null) {
                c.getCommandSpec().remove(o);
                c.getCommandSpec().addOption(o.toBuilder()
                        .description("Limit per test (default: " + applies + ").").build());
            }
        }
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros();
    }

    Limits limits() {
        Limits l = Limits.defaults().withWallClock(Duration.ofMillis((long) (timeLimit * 1000)))
                .withHeapMb(heapMb).withOutputLimit(outputLimit);
        return testTimeout == null ? l : l.withTestTimeout(Duration.ofMillis((long) (testTimeout * 1000)));
    }
}
