package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.gort.grader.api.Seeds;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;
import dev.gort.runtime.Gort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook replay NN --seed S TEST}: run one seeded test on your code with only that seed,
 * printing everything it says — the command a seeded failure message gives. Every simulated runtime
 * the test boots records its execution trace; replay prints where the traces are (Perfetto JSON,
 * the run that died first), to open in ui.perfetto.dev.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-run one seeded test with one seed, as a failure message says.",
            "TEST is Class#method (or just the method's name)."})
final class ReplayCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHAPTER") String chapterArg;

    @Parameters(index = "1", paramLabel = "TEST") String test;

    @Option(names = "--seed", paramLabel = "S", required = true, description = "The seed to replay.")
    long seed;

    @Mixin LimitOptions limits;

    @Override
    public Integer call() {
        Chapter ch = Cli.chapter(spec, chapterArg);
        PrintWriter w = spec.commandLine().getOut();
        Path traces = Cli.target(ch, "replay").resolve("trace").toAbsolutePath();
        deleteTraces(traces);
        Grade g = Grader.grade(Grader.Request.of(ch, null, Grader.Suite.ALL, limits.limits(),
                        Cli.target(ch, "replay").resolve("work"))
                .withFilter(test, Map.of(Seeds.SEED_PROPERTY, Long.toString(seed),
                        Gort.TRACE_DIR_PROPERTY, traces.toString())));
        if (g.problem() != null) {
            w.println(g.problem());
            return 1;
        }
        if (g.results().isEmpty()) {
            w.println("No test '" + test + "' in chapter " + ch.number() + ". Name it as Class#method,"
                    + " as in the failure message (./workbook grade " + ch.number() + " lists the tests).");
            return 2;
        }
        for (TestResult r : g.results()) {
            w.println(r.shortName() + " with seed " + seed + ": " + r.status().label());
            if (!r.passed()) {
                w.println(r.message());
                if (!r.detail().isBlank()) {
                    w.println(r.detail());
                }
            }
            if (!r.output().isBlank()) {
                w.println("output:");
                w.println(r.output());
            }
        }
        List<Path> files = traceFiles(traces);
        if (!files.isEmpty()) {
            w.println();
            w.println("Execution traces of the runs (open in https://ui.perfetto.dev):");
            files.forEach(f -> w.println("  " + f + (f.getFileName().toString().endsWith("-died.json")
                    ? "   <- this runtime died" : "")));
        }
        return g.results().stream().allMatch(TestResult::passed) ? 0 : 1;
    }

    /** The trace files, the runs that died first. */
    private static List<Path> traceFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path f) -> !f.toString().endsWith("-died.json"))
                            .thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTraces(Path dir) {
        for (Path f : traceFiles(dir)) {
            try {
                Files.delete(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the old trace " + f, e);
            }
        }
    }
}
