package dev.gort.grader;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.gort.grader.api.Seeds;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook replay NN --seed S TEST}: run one seeded test on your code with only that seed,
 * printing everything it says — the command a seeded failure message gives.
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
        Grade g = Grader.grade(Grader.Request.of(ch, null, Grader.Suite.ALL, limits.limits(),
                        Cli.target(ch, "replay").resolve("work"))
                .withFilter(test, Map.of(Seeds.SEED_PROPERTY, Long.toString(seed))));
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
        return g.results().stream().allMatch(TestResult::passed) ? 0 : 1;
    }
}
