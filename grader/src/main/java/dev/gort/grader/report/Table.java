package dev.gort.grader.report;

import java.io.PrintWriter;
import java.util.Locale;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;

/** What {@code check} and {@code grade} print on the terminal. */
public final class Table {
    private Table() {}

    /**
     * {@code check}: per exercise a line, and under each unfinished exercise its failing tests with
     * the first line of their message; the detail of the first failure; the next step.
     */
    public static void check(Grade g, PrintWriter out) {
        Chapter ch = g.chapter();
        out.printf(Locale.ROOT, "Chapter %s (%s): visible tests on your code%n", ch.number(), ch.name());
        if (g.problem() != null) {
            out.println();
            out.println(g.problem());
            return;
        }
        g.notes().forEach(n -> out.println("  note: " + n.lines().findFirst().orElse("")));
        boolean shownDetail = false;
        String next = null;
        for (Chapter.ExerciseInfo ex : ch.exercises()) {
            var tests = g.results().stream().filter(r -> r.exercise().equals(ex.id())).toList();
            long pass = tests.stream().filter(TestResult::passed).count();
            boolean done = !tests.isEmpty() && pass == tests.size();
            out.printf(Locale.ROOT, "  %s %-16s %d/%d  %s%n", done ? "✔" : "✘", ex.id(), pass, tests.size(),
                    ex.title());
            if (!done && next == null) {
                next = ex.id();
            }
            for (TestResult r : tests) {
                if (r.passed()) {
                    continue;
                }
                out.printf(Locale.ROOT, "      ✘ %s: %s%n", r.method(), firstLine(r.message()));
                if (!shownDetail && !r.message().startsWith("not implemented yet")) {
                    shownDetail = true;
                    indent(out, rest(r.message()), "        ");
                    indent(out, r.detail(), "        ");
                    if (!r.output().isBlank()) {
                        out.println("        output:");
                        indent(out, r.output(), "          ");
                    }
                }
            }
        }
        var other = g.results().stream().filter(r -> ch.exercise(r.exercise()) == null).toList();
        for (TestResult r : other) {
            out.printf(Locale.ROOT, "  %s %s%s%n", r.passed() ? "✔" : "✘", r.shortName(),
                    r.passed() ? "" : ": " + firstLine(r.message()));
        }
        long passed = g.results().stream().filter(TestResult::passed).count();
        out.printf(Locale.ROOT, "%d of %d visible tests pass.%n", passed, g.results().size());
        if (next != null) {
            Chapter.ExerciseInfo ex = ch.exercise(next);
            out.printf(Locale.ROOT, "Next: %s. Book: %s#%s. Stuck? ./workbook hint %s %s%n",
                    ex.title(), ch.book(), next, ch.number(), next);
        } else if (passed == g.results().size()) {
            out.println("All visible tests pass. ./workbook grade " + ch.number()
                    + " runs the hidden tests too.");
        }
    }

    /** {@code grade}: every test with its points, status and message; then per exercise; total. */
    public static void grade(Grade g, PrintWriter out) {
        Chapter ch = g.chapter();
        out.printf(Locale.ROOT, "Chapter %s (%s), %s: %s / %s points%n", ch.number(), ch.name(),
                g.submission(), Reports.pts(g.score()), Reports.pts(g.maxScore()));
        if (g.problem() != null) {
            out.println(g.problem());
        }
        g.notes().forEach(n -> out.println("  note: " + n.lines().findFirst().orElse("")));
        int w = Math.max(20, g.results().stream().mapToInt(r -> r.shortName().length()).max().orElse(20));
        w = Math.min(w, 56);
        out.printf(Locale.ROOT, "  %-14s %-" + w + "s %9s  %-13s %s%n", "exercise", "test", "points",
                "status", "message");
        for (TestResult r : g.results()) {
            out.printf(Locale.ROOT, "  %-14s %-" + w + "s %9s  %-13s %s%n", cut(r.exercise(), 14),
                    cut(r.shortName() + (r.visible() ? "" : " *"), w),
                    Reports.pts(r.score()) + "/" + Reports.pts(r.maxPoints()), r.status().label(),
                    cut(firstLine(r.message()), 100));
        }
        out.print("  per exercise:");
        g.byExercise().forEach((e, s) -> out.print("  " + e + " " + Reports.pts(s[0]) + "/" + Reports.pts(s[1])));
        out.println();
        out.printf(Locale.ROOT, "  (* hidden test)  compile %.1f s, tests %.1f s in %d JVM%s%n",
                g.compileMillis() / 1000.0, g.runMillis() / 1000.0, g.jvms(), g.jvms() == 1 ? "" : "s");
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String rest(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? "" : s.substring(nl + 1);
    }

    private static void indent(PrintWriter out, String text, String pad) {
        if (text == null || text.isBlank()) {
            return;
        }
        text.lines().limit(20).forEach(l -> out.println(pad + l));
    }
}
