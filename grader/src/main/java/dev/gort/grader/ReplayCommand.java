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
import dev.gort.grader.chapter.StubGenerator;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;
import dev.gort.grader.mutant.MutationScore;
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

    @Option(names = "--reference", description = {"Run the test on the reference parts instead of your code",
        "(instructor edition: to see a hidden test pass where it should)."})
    boolean reference;

    @Option(names = "--mutant", paramLabel = "KEY", description = {"Run the test on mutant KEY of the reference",
        "(instructor edition; keys from ./workbook selftest --mutants --list)."})
    String mutant;

    @Mixin LimitOptions limits;

    @Override
    public Integer call() {
        Chapter ch = Cli.chapter(spec, chapterArg);
        PrintWriter w = spec.commandLine().getOut();
        Map<Path, String> sources = null; // your working copy
        if (reference || mutant != null) {
            Integer refused = Cli.needsInstructorEdition(spec, "replaying on the reference or a mutant");
            if (refused != null) {
                return refused;
            }
            sources = mutant != null ? MutationScore.edition(ch, mutant)
                    : new StubGenerator(ch).generate(StubGenerator.Edition.SOLUTION, Map.of());
            if (sources == null) {
                w.println("No mutant " + mutant + " in chapter " + ch.number()
                        + ": ./workbook selftest --mutants " + ch.number() + " --list prints the keys.");
                return 2;
            }
        }
        Path traces = Cli.target(ch, "replay").resolve("trace").toAbsolutePath();
        deleteTraces(traces);
        Path label = sources == null ? null : Path.of(mutant != null ? "mutant-" + mutant : "reference");
        // The test JVM may write only inside its run folder (a sandbox makes the rest read-only), so
        // the traces are written there, in a scratch folder outside the checkout, and moved after.
        Path scratch;
        try {
            scratch = Files.createTempDirectory("gort-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the replay", e);
        }
        Path written = scratch.resolve("run").resolve("trace").toAbsolutePath();
        Grader.Request request = Grader.Request.of(ch, label, Grader.Suite.ALL, limits.limits(), scratch);
        if (sources != null) {
            request = request.withSources(sources);
        }
        Grade g = Grader.grade(request
                .withFilter(test, Map.of(Seeds.SEED_PROPERTY, Long.toString(seed),
                        Gort.TRACE_DIR_PROPERTY, written.toString())));
        moveTraces(written, traces);
        Grader.deleteTree(scratch);
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

    /** Moves the trace files written in the test's run folder to where replay says they are. */
    private static void moveTraces(Path from, Path to) {
        List<Path> files = traceFiles(from);
        try {
            if (!files.isEmpty()) {
                Files.createDirectories(to);
            }
            for (Path f : files) {
                Files.move(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the traces from " + from + " to " + to, e);
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
