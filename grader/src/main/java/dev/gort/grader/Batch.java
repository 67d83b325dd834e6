package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestRun;
import dev.gort.grader.report.Reports;
import dev.gort.grader.report.Signature;

/**
 * A batch of submissions graded into one output folder, safely:
 * <ul>
 * <li>each student's reports are written to a temporary folder and renamed into place, and the
 *     student's gradebook row is saved, as soon as that student is done; the gradebook is
 *     rewritten (atomically) after each, with the students not yet done marked "not graded";</li>
 * <li>Ctrl-C or SIGTERM stops the batch cleanly: running test JVMs are killed, finished students
 *     stay, and the gradebook says who was not graded; {@code --resume} grades only those;</li>
 * <li>the folder remembers its batch ({@value #STATE}: the chapter and the submissions), so a
 *     second, unrelated run into it is refused instead of mixing two classes' results.</li>
 * </ul>
 */
final class Batch {
    /** The batch's own folder inside the output folder. */
    static final String STATE = ".gort-batch";

    private final Chapter ch;
    private final Path out;
    private final Map<String, Path> submissions;   // name in the gradebook -> folder, in order
    private final Path keyFile;                     // --sign, or null
    private final String hiddenVisibility;          // for results.json
    private final Object lock = new Object();
    private volatile boolean stopping;
    private int failures;

    private Batch(Chapter ch, Path out, Map<String, Path> submissions, Path keyFile, String hiddenVisibility) {
        this.ch = ch;
        this.out = out;
        this.submissions = submissions;
        this.keyFile = keyFile;
        this.hiddenVisibility = hiddenVisibility;
    }

    /** A new batch in {@code out}, which must not hold anything yet. */
    static Batch create(Chapter ch, Path out, List<Path> dirs, Path keyFile, String hiddenVisibility) {
        Map<String, Path> subs = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Path d : dirs) {
            String base = d.toAbsolutePath().normalize().getFileName().toString();
            String name = base;
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i;
            }
            subs.put(name, d.toAbsolutePath().normalize());
        }
        var b = new Batch(ch, out, subs, keyFile, hiddenVisibility);
        StringBuilder list = new StringBuilder("chapter\t" + ch.id() + "\n");
        subs.forEach((n, d) -> list.append(n).append('\t').append(d).append('\n'));
        Reports.writeFile(out.resolve(STATE).resolve("submissions.tsv"), list.toString());
        b.writeGradebook();
        return b;
    }

    /** The unfinished batch in {@code out}, to finish; a message if there is none. */
    static Batch resume(Chapter ch, Path out, Path keyFile, String hiddenVisibility) {
        Path list = out.resolve(STATE).resolve("submissions.tsv");
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException(out + " holds no batch to resume (no " + STATE
                    + "/submissions.tsv): grade it without --resume.");
        }
        Map<String, Path> subs = new LinkedHashMap<>();
        String chapter = null;
        for (String line : Grader.read(list).split("\n")) {
            String[] f = line.split("\t", 2);
            if (f[0].equals("chapter")) {
                chapter = f[1];
            } else if (f.length == 2) {
                subs.put(f[0], Path.of(f[1]));
            }
        }
        if (!ch.id().equals(chapter)) {
            throw new IllegalArgumentException(out + " holds a batch of chapter " + chapter
                    + ", not " + ch.id() + ".");
        }
        return new Batch(ch, out, subs, keyFile, hiddenVisibility);
    }

    /** Why {@code out} cannot take a new batch, or null: it exists and is not empty. */
    static String refuseOut(Path out) {
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isEmpty()) {
                return null;
            }
        } catch (IOException e) {
            return "--out " + out + " cannot be read: " + e.getMessage();
        }
        boolean batch = Files.isDirectory(out.resolve(STATE));
        return "--out " + out + " already holds " + (batch ? "a graded batch" : "other files")
                + ": grading into it again would mix two runs' results. "
                + (batch ? "Add --resume to finish that batch, or choose" : "Choose") + " another --out"
                + " (or delete this one).";
    }

    List<String> pending() {
        return submissions.keySet().stream().filter(n -> !Files.isRegularFile(row(n))).toList();
    }

    int size() {
        return submissions.size();
    }

    /**
     * Grades every pending submission, {@code jobs} at a time; returns the grades made by this run
     * (none for the students done before a resume).
     */
    List<Grade> run(int jobs, Function<Path, Grade> grade, PrintWriter err) {
        List<String> todo = pending();
        int total = submissions.size();
        int[] done = {total - todo.size()};
        long t0 = System.nanoTime();
        List<Grade> grades = new ArrayList<>();
        Thread hook = new Thread(() -> stop(err), "gort-batch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs))) {
            for (String name : todo) {
                pool.submit(() -> {
                    if (stopping) {
                        return;
                    }
                    long s = System.nanoTime();
                    Grade g = grade.apply(submissions.get(name));
                    synchronized (lock) {
                        if (stopping) {
                            return; // its JVMs were killed mid-run: not a result
                        }
                        finish(name, g);
                        grades.add(g);
                        done[0]++;
                        failures += g.problem() == null ? 0 : 1;
                        progress(err, done[0], total, name, g, (System.nanoTime() - s) / 1e9,
                                (System.nanoTime() - t0) / 1e9 / (done[0] - (total - todo.size())));
                    }
                });
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running
            }
        }
        return grades;
    }

    /** The end of one student: reports into place, row saved, gradebook rewritten. */
    private void finish(String name, Grade g) {
        Path dir = out.resolve(name);
        Path tmp = out.resolve(STATE).resolve("partial-" + name);
        Grader.deleteTree(tmp);
        Reports.write(g, tmp, hiddenVisibility);
        if (keyFile != null) {
            Signature.signResults(tmp.resolve("results.json"), keyFile);
        }
        Grader.deleteTree(dir);
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + dir, e);
        }
        Reports.writeFile(row(name), Reports.gradebookRow(ch, name, g));
        writeGradebook();
    }

    private Path row(String name) {
        return out.resolve(STATE).resolve("rows").resolve(name + ".csv");
    }

    /** gradebook.csv: one row per submission, in order; "not graded" for those not done. */
    void writeGradebook() {
        StringBuilder b = new StringBuilder(Reports.gradebookHeader(ch));
        for (String name : submissions.keySet()) {
            Path r = row(name);
            b.append(Files.isRegularFile(r) ? Grader.read(r) : Reports.gradebookPending(ch, name));
        }
        Reports.writeFile(out.resolve("gradebook.csv"), b.toString());
        if (keyFile != null) {
            Signature.signFile(out.resolve("gradebook.csv"), keyFile);
        }
    }

    /** Ctrl-C or SIGTERM: no new results, test JVMs killed, the gradebook left consistent. */
    private void stop(PrintWriter err) {
        stopping = true;
        TestRun.killAll();
        synchronized (lock) {
            writeGradebook();
            int left = pending().size();
            err.printf(Locale.ROOT, "%nstopped: %d of %d graded, %d marked \"not graded\" in %s."
                    + " Finish with the same command and --resume.%n", submissions.size() - left,
                    submissions.size(), left, out.resolve("gradebook.csv"));
            err.flush();
        }
    }

    private void progress(PrintWriter err, int done, int total, String name, Grade g, double secs,
                          double perSubmission) {
        int width = 20;
        int filled = (int) ((long) width * done / total);
        double left = perSubmission * (total - done);
        err.printf(Locale.ROOT, "[%d/%d] %s%s %-24s %s / %s  (%.1f s)  failures %d, ~%s left%n",
                done, total, "#".repeat(filled), ".".repeat(width - filled), name,
                GradeCommand.fmt(g.score()), GradeCommand.fmt(g.maxScore()), secs, failures, duration(left));
        err.flush();
    }

    private static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? t / 3600 + " h " + t % 3600 / 60 + " min" : t >= 60 ? t / 60 + " min " + t % 60 + " s"
                : t + " s";
    }
}
