package dev.gort.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.Status;
import dev.gort.grader.engine.TestResult;

/**
 * The reports of one graded submission, all from the same results: Markdown feedback, JUnit XML,
 * and Gradescope's {@code results.json}; and the gradebook CSV of a batch.
 *
 * <p>Hidden tests in {@code results.json} get the visibility {@code after_published} (by default):
 * students see the visible tests and their messages at once, and the hidden tests' names, points and
 * messages only when the instructor publishes grades, so hidden tests do not leak through feedback.
 * Gradescope then hides the total score until publication too (it does so whenever any test is not
 * {@code visible}); the top-level output says so in words, so that a student who sees only visible
 * tests is not left wondering where the rest of the points went. An instructor who prefers students
 * to see everything passes {@code --hidden-visibility visible}.
 */
public final class Reports {
    private Reports() {}

    /** Writes feedback.md, results.json and junit/TEST-chapterNN.xml into {@code dir}. */
    public static void write(Grade g, Path dir, String hiddenVisibility) {
        writeFile(dir.resolve("feedback.md"), feedback(g));
        writeFile(dir.resolve("results.json"), gradescope(g, hiddenVisibility));
        writeFile(dir.resolve("junit").resolve("TEST-chapter" + g.chapter().number() + ".xml"), junitXml(g));
    }

    /** Writes {@code f} atomically: a temporary file beside it, then a rename over it. */
    public static void writeFile(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Path tmp = Files.createTempFile(f.getParent(), "." + f.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    static String pts(double d) {
        return Json.number(d);
    }

    // --- Markdown feedback -------------------------------------------------------------------------

    public static String feedback(Grade g) {
        Chapter ch = g.chapter();
        StringBuilder b = new StringBuilder();
        b.append("# Chapter ").append(ch.number()).append(": ").append(ch.title()).append("\n\n");
        b.append("Submission: `").append(g.submission()).append("`  \n");
        b.append("Score: **").append(pts(g.score())).append(" / ").append(pts(g.maxScore()))
                .append("**").append(percent(g.score(), g.maxScore())).append("  \n");
        b.append("Isolation: ").append(g.isolation().isEmpty() ? "none (not run)" : g.isolation()).append("\n\n");
        if (g.problem() != null) {
            b.append("## Could not grade\n\n```\n").append(g.problem()).append("\n```\n\n");
        }
        for (String note : g.notes()) {
            b.append("> ").append(note.replace("\n", "\n> ")).append("\n\n");
        }
        b.append("## Exercises\n\n| exercise | points | |\n|---|---:|---|\n");
        g.byExercise().forEach((ex, s) -> {
            Chapter.ExerciseInfo info = ch.exercise(ex);
            b.append("| ").append(info == null ? ex : ex + ": " + info.title()).append(" | ")
                    .append(pts(s[0])).append(" / ").append(pts(s[1])).append(" | ")
                    .append(s[1] == 0 ? "" : s[0] == s[1] ? "done" : s[0] == 0 ? "to do" : "partly")
                    .append(" |\n");
        });
        b.append("\n## Tests\n\n");
        for (TestResult r : g.results()) {
            b.append("- ").append(r.passed() ? "✅" : "❌").append(" `").append(r.shortName())
                    .append("` (").append(r.exercise().isEmpty() ? "-" : r.exercise()).append(", ")
                    .append(pts(r.score())).append("/").append(pts(r.maxPoints())).append(", ")
                    .append(r.visible() ? "visible" : "hidden").append("): ").append(r.status().label());
            if (!r.passed()) {
                b.append("\n\n  ").append(r.message().replace("\n", "\n  ")).append('\n');
                if (!r.detail().isBlank()) {
                    b.append("\n  ```\n  ").append(r.detail().replace("\n", "\n  ")).append("\n  ```\n");
                }
                if (!r.output().isBlank()) {
                    b.append("\n  Output:\n\n  ```\n  ").append(r.output().strip().replace("\n", "\n  "))
                            .append("\n  ```\n");
                }
            }
            b.append('\n');
        }
        List<String> next = nextSteps(g);
        if (!next.isEmpty()) {
            b.append("\n## Next\n\n");
            next.forEach(s -> b.append("- ").append(s).append('\n'));
        }
        return b.toString();
    }

    private static List<String> nextSteps(Grade g) {
        List<String> out = new ArrayList<>();
        Chapter ch = g.chapter();
        g.byExercise().forEach((ex, s) -> {
            if (s[1] > 0 && s[0] < s[1] && out.size() < 3) {
                out.add("`" + ex + "`: read the book at `" + ch.book() + "#" + ex + "`; `./workbook hint "
                        + ch.number() + " " + ex + "` gives a hint.");
            }
        });
        return out;
    }

    private static String percent(double s, double max) {
        return max == 0 ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * s / max);
    }

    // --- Gradescope ------------------------------------------------------------------------------

    public static String gradescope(Grade g, String hiddenVisibility) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("score", round(g.score()));
        top.put("execution_time", round((g.compileMillis() + g.runMillis()) / 1000.0));
        top.put("output", topOutput(g, hiddenVisibility));
        top.put("output_format", "md");
        top.put("test_output_format", "text");
        top.put("stdout_visibility", "hidden");
        top.put("visibility", "visible");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("isolation", g.isolation());
        extra.put(Signature.FIELD, "hmac-sha256:"); // filled by grade --sign (see Signature)
        top.put("extra_data", extra);
        List<Object> tests = new ArrayList<>();
        List<String> exercises = new ArrayList<>(g.byExercise().keySet());
        Map<String, Integer> seq = new LinkedHashMap<>();
        for (TestResult r : g.results()) {
            String ex = r.exercise().isEmpty() ? "(none)" : r.exercise();
            int e = exercises.indexOf(ex) + 1;
            int n = seq.merge(ex, 1, Integer::sum);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("score", round(r.score()));
            t.put("max_score", round(r.maxPoints()));
            t.put("status", r.passed() ? "passed" : "failed");
            t.put("name", (r.exercise().isEmpty() ? "" : r.exercise() + ": ") + r.shortName());
            t.put("number", e + "." + n);
            t.put("output", testOutput(r));
            t.put("tags", r.exercise().isEmpty() ? List.of() : List.of(r.exercise()));
            t.put("visibility", r.visible() ? "visible" : hiddenVisibility);
            tests.add(t);
        }
        top.put("tests", tests);
        return Json.write(top);
    }

    private static String topOutput(Grade g, String hiddenVisibility) {
        StringBuilder b = new StringBuilder();
        if (g.problem() != null) {
            b.append("**Could not grade this submission.**\n\n```\n").append(g.problem()).append("\n```\n\n");
        }
        for (String note : g.notes()) {
            b.append(note.lines().findFirst().orElse("")).append("\n\n");
        }
        boolean anyHidden = g.results().stream().anyMatch(r -> !r.visible());
        if (anyHidden && !"visible".equals(hiddenVisibility)) {
            long visible = g.results().stream().filter(TestResult::visible).count();
            long passed = g.results().stream().filter(r -> r.visible() && r.passed()).count();
            b.append("Visible tests: ").append(passed).append(" of ").append(visible)
                    .append(" passed. The hidden tests and the total score appear when your"
                            + " instructor publishes the grades.\n");
        }
        return b.toString().strip();
    }

    private static String testOutput(TestResult r) {
        if (r.passed()) {
            return "";
        }
        StringBuilder b = new StringBuilder(r.status().label()).append(": ").append(r.message());
        if (!r.detail().isBlank()) {
            b.append("\n\n").append(r.detail());
        }
        if (!r.output().isBlank()) {
            b.append("\n\nOutput:\n").append(r.output().strip());
        }
        return b.toString();
    }

    private static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }

    // --- JUnit XML ---------------------------------------------------------------------------------

    /**
     * Surefire's legacy format, written from the grader's results rather than by JUnit's listener:
     * the grader's results also cover tests whose JVM was killed, which no listener lives to report.
     */
    public static String junitXml(Grade g) {
        List<TestResult> rs = g.results();
        long failures = rs.stream().filter(r -> r.status() == Status.FAILED || r.status() == Status.TODO).count();
        long skipped = rs.stream().filter(r -> r.status() == Status.SKIPPED || r.status() == Status.NOT_RUN).count();
        long errors = rs.size() - failures - skipped - rs.stream().filter(TestResult::passed).count();
        double time = rs.stream().mapToLong(TestResult::millis).sum() / 1000.0;
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"").append(attr("gort chapter " + g.chapter().id() + " " + g.submission()))
                .append("\" tests=\"").append(rs.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
                .append("\" time=\"").append(Json.number(time)).append("\" timestamp=\"")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\">\n");
        b.append("  <properties>\n    <property name=\"score\" value=\"").append(pts(g.score()))
                .append("\"/>\n    <property name=\"max_score\" value=\"").append(pts(g.maxScore()))
                .append("\"/>\n    <property name=\"isolation\" value=\"").append(attr(g.isolation()))
                .append("\"/>\n  </properties>\n");
        if (g.problem() != null) {
            b.append("  <testcase name=\"grading\" classname=\"gort.grader\" time=\"0\">\n")
                    .append("    <error message=\"").append(attr(firstLine(g.problem())))
                    .append("\" type=\"grading\">").append(text(g.problem())).append("</error>\n")
                    .append("  </testcase>\n");
        }
        for (TestResult r : rs) {
            b.append("  <testcase name=\"").append(attr(r.method())).append("\" classname=\"")
                    .append(attr(r.className())).append("\" time=\"").append(Json.number(r.millis() / 1000.0))
                    .append("\"");
            if (r.passed() && r.output().isBlank()) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            String tag = switch (r.status()) {
                case PASSED -> null;
                case FAILED, TODO -> "failure";
                case SKIPPED, NOT_RUN -> "skipped";
                default -> "error";
            };
            if ("skipped".equals(tag)) {
                b.append("    <skipped message=\"").append(attr(firstLine(r.message()))).append("\"/>\n");
            } else if (tag != null) {
                b.append("    <").append(tag).append(" message=\"").append(attr(firstLine(r.message())))
                        .append("\" type=\"").append(r.status().label()).append("\">")
                        .append(text(r.message() + (r.detail().isBlank() ? "" : "\n" + r.detail())))
                        .append("</").append(tag).append(">\n");
            }
            if (!r.output().isBlank()) {
                b.append("    <system-out>").append(text(r.output())).append("</system-out>\n");
            }
            b.append("  </testcase>\n");
        }
        return b.append("</testsuite>\n").toString();
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** XML text: escaped, and without the characters XML 1.0 forbids. */
    private static String text(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    // --- gradebook ---------------------------------------------------------------------------------

    /** One row per submission: name, one column per exercise, total, max, and a problem if any. */
    public static String gradebook(Chapter ch, List<Grade> grades) {
        StringBuilder b = new StringBuilder(gradebookHeader(ch));
        grades.forEach(g -> b.append(gradebookRow(ch, g.submission(), g)));
        return b.toString();
    }

    /** The gradebook's first line: submission, the chapter's exercises, total, max, percent, problem. */
    public static String gradebookHeader(Chapter ch) {
        StringBuilder b = new StringBuilder("submission");
        ch.exercises().forEach(e -> b.append(',').append(csv(e.id())));
        return b.append(",total,max,percent,problem\n").toString();
    }

    /** One submission's gradebook line, under the name {@code name}. */
    public static String gradebookRow(Chapter ch, String name, Grade g) {
        StringBuilder b = new StringBuilder(csv(name));
        Map<String, double[]> by = g.byExercise();
        for (Chapter.ExerciseInfo e : ch.exercises()) {
            double[] s = by.get(e.id());
            b.append(',').append(s == null ? "0" : pts(s[0]));
        }
        return b.append(',').append(pts(g.score())).append(',').append(pts(g.maxScore())).append(',')
                .append(g.maxScore() == 0 ? "0" : Json.number(Math.round(1000 * g.score() / g.maxScore()) / 10.0))
                .append(',').append(csv(g.problem() == null ? "" : firstLine(g.problem())))
                .append('\n').toString();
    }

    /** The line of a submission not graded (yet): empty scores, so no one reads it as a zero. */
    public static String gradebookPending(Chapter ch, String name) {
        return csv(name) + ",".repeat(ch.exercises().size() + 3) + ",not graded\n";
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
