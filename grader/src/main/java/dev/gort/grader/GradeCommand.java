package dev.gort.grader;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.Isolation;
import dev.gort.grader.engine.Limits;
import dev.gort.grader.report.Reports;
import dev.gort.grader.report.Signature;
import dev.gort.grader.report.Table;
import dev.gort.grader.submission.Submissions;
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
 * <p>Outputs, under {@code --out} (default target/gort/grade/NN-name): for the working copy,
 * feedback.md, results.json (Gradescope) and junit/TEST-*.xml in the directory itself; for
 * submissions, one directory per submission and gradebook.csv, written as each is done (see
 * {@link Batch}: interruptible, resumable, never mixed with an earlier run). {@code --sign KEYFILE}
 * signs each results.json and the gradebook ({@code ./workbook verify} checks them). Exit status 0
 * when every submission was graded (whatever its score), 1 when one could not be, 2 for a usage
 * error.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a chapter: visible and hidden tests, with points per exercise.",
            "Writes feedback, JUnit XML, Gradescope results.json, and a gradebook for a batch."})
final class GradeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHAPTER", description = "The chapter (01, scheduler, ...).")
    String chapterArg;

    @Option(names = {"-s", "--submission"}, paramLabel = "PATH", arity = "1..*",
            description = {"Submissions: folders (Git clones too), .zip files, bare Git repositories"
                    + " or .bundle files (default: your own working copy)."})
    List<Path> submissions = new ArrayList<>();

    @Option(names = "--all-in", paramLabel = "FOLDER", arity = "1..*",
            description = {"Grade every submission in FOLDER: each folder, Git repository, .zip or"
                    + " .bundle in it. FOLDER may be a .zip of them, as course sites export a class."})
    List<Path> allIn = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where reports go (default: target/gort/grade/NN-name). A batch refuses a"
                    + " folder that already holds something.")
    Path out;

    @Option(names = "--resume",
            description = "Finish the interrupted batch in --out: grade only the submissions it"
                    + " marks \"not graded\".")
    boolean resume;

    @Option(names = "--sign", paramLabel = "KEYFILE",
            description = "Sign each results.json and the gradebook with an HMAC under this key"
                    + " (16 bytes or more); ./workbook verify checks them.")
    Path keyFile;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Submissions graded at once (default: the number of CPUs).")
    Integer jobs;

    @Option(names = "--hidden-visibility", paramLabel = "V", defaultValue = "after_published",
            description = "Gradescope visibility of hidden tests: hidden, after_due_date,"
                    + " after_published (default) or visible.")
    String hiddenVisibility;

    @Mixin LimitOptions limits;

    /** Where archives and repositories are unpacked, inside --out. */
    private static final String UNPACKED = ".gort-unpacked";

    /** A submission could not be unpacked (it is named on stderr). */
    private boolean rejected;

    @Override
    public Integer call() throws Exception {
        Integer notHere = Cli.needsInstructorEdition(spec, "grading");
        if (notHere != null) {
            return notHere;
        }
        Chapter ch = Cli.chapter(spec, chapterArg);
        if (!Set.of("hidden", "after_due_date", "after_published", "visible").contains(hiddenVisibility)) {
            throw usage("--hidden-visibility must be hidden, after_due_date, after_published or visible");
        }
        if (keyFile != null) {
            try {
                Signature.key(keyFile);
            } catch (IllegalArgumentException e) {
                throw usage("--sign: " + e.getMessage());
            }
        }
        Path root = ch.root().toRealPath();
        for (Path s : submissions) {
            if (!Files.exists(s)) {
                throw usage("--submission " + s + ": no such file or folder");
            }
            if (!Files.isDirectory(s)) {
                continue; // an archive: unpacked below
            }
            Path real = s.toRealPath();
            if (real.getParent() == null || root.startsWith(real)) {
                throw usage("--submission " + s + ": " + (real.getParent() == null ? "the root of the file system"
                        : "it holds the workbook itself (" + root + ")") + ". A submission is one"
                        + " student's folder (or archive, unpacked).");
            }
        }
        Path dir = out != null ? out : Cli.target(ch, "grade");
        PrintWriter w = spec.commandLine().getOut();
        Limits l = limits.limits();
        if (submissions.isEmpty() && allIn.isEmpty() && !resume) {
            Grade g = Grader.grade(Grader.Request.of(ch, null, Grader.Suite.ALL, l, dir.resolve(".work")));
            Reports.write(g, dir, hiddenVisibility);
            if (keyFile != null) {
                Signature.signResults(dir.resolve("results.json"), keyFile);
            }
            Table.grade(g, w);
            w.println("  reports: " + dir.toAbsolutePath() + " (feedback.md, results.json, junit/)");
            StatusCommand.remember(ch, g);
            return g.problem() == null ? 0 : 1;
        }
        Batch batch;
        try {
            if (resume) {
                if (!submissions.isEmpty() || !allIn.isEmpty()) {
                    throw usage("--resume takes the submissions from the batch in --out: leave out --submission");
                }
                batch = Batch.resume(ch, dir, keyFile, hiddenVisibility);
            } else {
                String refused = Batch.refuseOut(dir);
                if (refused != null) {
                    throw usage(refused);
                }
                List<Path> dirs = unpack(dir.resolve(UNPACKED));
                if (dirs.isEmpty()) {
                    return 1;
                }
                batch = Batch.create(ch, dir, dirs, keyFile, hiddenVisibility);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path scratch = Files.createTempDirectory("gort-batch-");
        int parallel = Math.max(1, Math.min(batch.size(), jobs != null ? jobs : Runtime.getRuntime().availableProcessors()));
        long t0 = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        if (Isolation.level() == Isolation.Level.PROCESS) {
            err.println("gort: isolation is process-level only: bubblewrap (bwrap) is not available,"
                    + " so test JVMs are not sandboxed. Install the bubblewrap package for a sandbox.");
        }
        int before = batch.size() - batch.pending().size();
        List<Grade> grades;
        try {
            grades = batch.run(parallel, sub -> gradeOne(ch, sub, l, scratch), err);
        } finally {
            Grader.deleteTree(scratch);
        }
        if (grades.size() == 1 && before == 0) {
            Table.grade(grades.getFirst(), w);
        } else {
            for (Grade g : grades) {
                w.printf(Locale.ROOT, "  %-24s %7s / %s%s%n", g.submission(), fmt(g.score()),
                        fmt(g.maxScore()), g.problem() == null ? "" : "  (" + firstLine(g.problem()) + ")");
            }
        }
        err.printf(Locale.ROOT, "graded %d submission%s in %.1f s (%d at a time)%s%n", grades.size(),
                grades.size() == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9, parallel,
                before == 0 ? "" : "; " + before + " were graded before");
        w.println("  reports: " + dir.toAbsolutePath() + " (one directory per submission, gradebook.csv"
                + (keyFile == null ? ")" : ", signed)"));
        return !rejected && grades.stream().allMatch(g -> g.problem() == null) ? 0 : 1;
    }

    /**
     * The folders to grade, from --submission and --all-in: folders as they are, zips unpacked and
     * repositories cloned under {@code unpacked} (inside --out, so that --resume finds them). A
     * submission that cannot be unpacked safely is named on stderr and left out; the others are
     * graded, and the exit status is 1.
     */
    private List<Path> unpack(Path unpacked) {
        PrintWriter err = spec.commandLine().getErr();
        Submissions subs = new Submissions(unpacked);
        List<Path> dirs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path s : submissions) {
            try {
                dirs.add(subs.one(s).dir());
            } catch (java.io.IOException e) {
                problems.add(e.getMessage());
            }
        }
        for (Path f : allIn) {
            try {
                subs.each(f, problems).forEach(x -> dirs.add(x.dir()));
            } catch (java.io.IOException e) {
                problems.add(e.getMessage());
            }
        }
        problems.forEach(p -> err.println("workbook grade: not graded: " + p));
        rejected = !problems.isEmpty();
        return dirs;
    }

    /** One submission, in its own scratch folder; a grader failure becomes its report. */
    private static Grade gradeOne(Chapter ch, Path sub, Limits l, Path scratch) {
        Path work;
        try {
            work = Files.createTempDirectory(scratch, "s");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try {
            return Grader.grade(Grader.Request.of(ch, sub, Grader.Suite.ALL, l, work));
        } catch (RuntimeException e) {
            return new Grade(ch, sub.getFileName().toString(), List.of(), List.of(),
                    "the grader failed on this submission: " + e, 0, 0, 0, "", "");
        } finally {
            Grader.deleteTree(work);
        }
    }

    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
