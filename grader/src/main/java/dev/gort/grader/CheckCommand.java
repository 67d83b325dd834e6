package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;
import dev.gort.grader.release.Classroom;
import dev.gort.grader.report.Reports;
import dev.gort.grader.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook check NN}: run the chapter's visible tests on the learner's own code, compactly.
 *
 * <p>Users: a learner between edits. Output: one line per exercise, the failing tests under the
 * first unfinished one with their message, the next step. Exit status 0 when every visible test
 * passes, 1 otherwise. {@code --watch} re-runs whenever a file of the chapter changes (polling
 * modification times: no native watcher needed).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Run a chapter's visible tests on your code.",
            "CHAPTER is a number or a name: 01, 1, scheduler or 01-scheduler."})
final class CheckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHAPTER", description = "The chapter (01, scheduler, ...).")
    String chapterArg;

    @Option(names = {"-w", "--watch"}, description = "Re-run whenever a file of the chapter changes.")
    boolean watch;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where reports go (default: target/gort/check/NN-name).")
    Path out;

    @Option(names = "--classroom", paramLabel = "FILE",
            description = "Also write the results for GitHub Classroom's grading reporter to FILE"
                    + " (one point per visible test), and exit 0 once it is written.")
    Path classroom;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "500", hidden = true)
    long intervalMillis;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "0", hidden = true,
            description = "Stop watching after N runs (for tests).")
    int maxRuns;

    @Mixin LimitOptions limits;

    @Override
    public Integer call() throws InterruptedException {
        Chapter ch = Cli.chapter(spec, chapterArg);
        PrintWriter w = spec.commandLine().getOut();
        if (!watch) {
            return once(ch, w);
        }
        int runs = 0;
        Map<Path, Long> seen = snapshot(ch);
        int status = once(ch, w);
        for (runs = 1; maxRuns == 0 || runs < maxRuns; runs++) {
            w.println("watching " + ch.dir() + " for changes (Ctrl-C to stop)...");
            w.flush();
            Map<Path, Long> now;
            while ((now = snapshot(ch)).equals(seen)) {
                Thread.sleep(intervalMillis);
            }
            seen = now;
            w.println();
            w.println("--- changed: re-running ---");
            status = once(ch, w);
        }
        return status;
    }

    private int once(Chapter ch, PrintWriter w) {
        Path dir = out != null ? out : Cli.target(ch, "check");
        Grade g;
        Path scratch = scratch();
        try {
            g = Grader.grade(Grader.Request.of(ch, null, Grader.Suite.VISIBLE, limits.limits(), scratch));
            keepClasses(scratch.resolve("classes/main"), dir.resolve("classes"));
        } finally {
            Grader.deleteTree(scratch);
        }
        Table.check(g, w);
        w.flush();
        Reports.write(g, dir, "visible");
        StatusCommand.remember(ch, g);
        if (classroom != null) {
            // The workflow reads the points from the file; a failing test is a score, not an error.
            try {
                Files.createDirectories(classroom.toAbsolutePath().getParent());
                Files.writeString(classroom, Classroom.results(g));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + classroom, e);
            }
            return 0;
        }
        boolean ok = g.problem() == null && !g.results().isEmpty()
                && g.results().stream().allMatch(TestResult::passed);
        return ok ? 0 : 1;
    }

    /** Grading's scratch folder, outside the checkout (the grader refuses to compile inside it). */
    private static Path scratch() {
        try {
            return Files.createTempDirectory("gort-check-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for checking", e);
        }
    }

    /**
     * Keeps the learner's compiled parts in {@code to} ({@code target/gort/check/NN-name/classes}),
     * where {@code ./jbang --cp ... -Dgort.parts=chapter} runs an experiment with them.
     */
    private static void keepClasses(Path from, Path to) {
        Grader.deleteTree(to);
        if (!Files.isDirectory(from)) {
            return; // nothing compiled
        }
        Cli.copyTree(from, to);
    }

    /** Modification times of the chapter's sources (main and test). */
    static Map<Path, Long> snapshot(Chapter ch) {
        Map<Path, Long> m = new TreeMap<>();
        for (Path d : new Path[] {ch.mainSources(), ch.visibleTests()}) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    m.put(p, Files.getLastModifiedTime(p).toMillis() ^ Files.size(p) << 40);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }
}
