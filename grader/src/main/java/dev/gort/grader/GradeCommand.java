package dev.gort.grader;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.Limits;
import dev.gort.grader.report.Reports;
import dev.gort.grader.report.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook grade NN [--submission DIR...]}: visible and hidden tests, points per test and
 * per exercise, feedback.
 *
 * <p>Users: a learner grading their own working copy; an instructor grading a class. From each
 * submission directory only the chapter's student files are taken (found by name anywhere in it);
 * everything else, the tests above all, is the grader's copy. Submissions are graded in parallel
 * ({@code --jobs}), each in its own JVMs with its own limits; a submission that cannot be graded
 * gets a report that says why and the batch goes on.
 *
 * <p>Outputs, under {@code --out} (default target/gort/grade/NN-name): for one submission,
 * feedback.md, results.json (Gradescope) and junit/TEST-*.xml in the directory itself; for several,
 * one directory per submission and gradebook.csv. Exit status 0 when every submission was graded
 * (whatever its score), 1 when one could not be.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a chapter: visible and hidden tests, with points per exercise.",
            "Writes feedback, JUnit XML, Gradescope results.json, and a gradebook for a batch."})
final class GradeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHAPTER", description = "The chapter (01, scheduler, ...).")
    String chapterArg;

    @Option(names = {"-s", "--submission"}, paramLabel = "DIR", arity = "1..*",
            description = "Submission directories (default: your own working copy).")
    List<Path> submissions = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where reports go (default: target/gort/grade/NN-name).")
    Path out;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Submissions graded at once (default: the number of CPUs).")
    Integer jobs;

    @Option(names = "--hidden-visibility", paramLabel = "V", defaultValue = "after_published",
            description = "Gradescope visibility of hidden tests: hidden, after_due_date,"
                    + " after_published (default) or visible.")
    String hiddenVisibility;

    @Mixin LimitOptions limits;

    @Override
    public Integer call() throws Exception {
        Chapter ch = Cli.chapter(spec, chapterArg);
        if (!Set.of("hidden", "after_due_date", "after_published", "visible").contains(hiddenVisibility)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--hidden-visibility must be hidden, after_due_date, after_published or visible");
        }
        for (Path s : submissions) {
            if (!Files.isDirectory(s)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--submission " + s + ": not a directory");
            }
        }
        Path dir = out != null ? out : Cli.target(ch, "grade");
        PrintWriter w = spec.commandLine().getOut();
        Limits l = limits.limits();
        if (submissions.isEmpty()) {
            Grade g = Grader.grade(Grader.Request.of(ch, null, Grader.Suite.ALL, l, dir.resolve(".work")));
            Reports.write(g, dir, hiddenVisibility);
            Table.grade(g, w);
            w.println("  reports: " + dir.toAbsolutePath() + " (feedback.md, results.json, junit/)");
            StatusCommand.remember(ch, g);
            return g.problem() == null ? 0 : 1;
        }
        List<Grade> grades = batch(ch, submissions, dir, l, w);
        if (submissions.size() == 1) {
            Table.grade(grades.getFirst(), w);
        } else {
            for (Grade g : grades) {
                w.printf(Locale.ROOT, "  %-24s %7s / %s%s%n", g.submission(), fmt(g.score()),
                        fmt(g.maxScore()), g.problem() == null ? "" : "  (" + firstLine(g.problem()) + ")");
            }
        }
        w.println("  reports: " + dir.toAbsolutePath() + (submissions.size() == 1
                ? " (feedback.md, results.json, junit/, gradebook.csv)"
                : " (one directory per submission, gradebook.csv)"));
        return grades.stream().allMatch(g -> g.problem() == null) ? 0 : 1;
    }

    /** Grades every submission, {@code jobs} at a time, showing progress; writes the gradebook. */
    List<Grade> batch(Chapter ch, List<Path> dirs, Path outDir, Limits l, PrintWriter w)
            throws Exception {
        int n = dirs.size();
        int parallel = Math.max(1, Math.min(n, jobs != null ? jobs : Runtime.getRuntime().availableProcessors()));
        List<String> names = uniqueNames(dirs);
        PrintWriter err = spec.commandLine().getErr();
        var finished = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<Grade>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            for (int i = 0; i < n; i++) {
                Path sub = dirs.get(i);
                Path subOut = n == 1 ? outDir : outDir.resolve(names.get(i));
                futures.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    Grade g;
                    try {
                        g = Grader.grade(Grader.Request.of(ch, sub, Grader.Suite.ALL, l, subOut.resolve(".work")));
                    } catch (RuntimeException e) {
                        g = new Grade(ch, sub.getFileName().toString(), List.of(), List.of(),
                                "the grader failed on this submission: " + e, 0, 0, 0, "", "");
                    }
                    Reports.write(g, subOut, hiddenVisibility);
                    deleteWork(subOut.resolve(".work"));
                    int k = finished.incrementAndGet();
                    synchronized (err) {
                        err.printf(Locale.ROOT, "[%d/%d] %-24s %s / %s  (%.1f s)%n", k, n, g.submission(),
                                fmt(g.score()), fmt(g.maxScore()), (System.nanoTime() - s) / 1e9);
                        err.flush();
                    }
                    return g;
                }));
            }
        }
        List<Grade> grades = new ArrayList<>();
        for (Future<Grade> f : futures) {
            grades.add(f.get());
        }
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("gradebook.csv"), Reports.gradebook(ch, grades));
        err.printf(Locale.ROOT, "graded %d submission%s in %.1f s (%d at a time)%n", n, n == 1 ? "" : "s",
                (System.nanoTime() - t0) / 1e9, parallel);
        return grades;
    }

    private static void deleteWork(Path work) {
        try {
            if (Files.exists(work)) {
                try (var s = Files.walk(work)) {
                    for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (java.io.IOException e) {
            // leftovers under target/ are harmless
        }
    }

    private static List<String> uniqueNames(List<Path> dirs) {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Path d : dirs) {
            String base = d.toAbsolutePath().normalize().getFileName().toString();
            String name = base;
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i;
            }
            names.add(name);
        }
        return names;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
