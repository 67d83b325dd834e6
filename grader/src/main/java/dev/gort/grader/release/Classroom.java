package dev.gort.grader.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;
import dev.gort.grader.report.Json;

/**
 * GitHub Classroom's autograding: the workflow a student edition carries, and the results of one
 * {@code ./workbook check} in the format of Classroom's grading reporter
 * ({@code classroom-resources/autograding-grading-reporter}).
 *
 * <p>The reporter reads, for each runner (one step per chapter here), a JSON object
 * {@code {version: 1, status: pass|fail|error, max_score, tests: [{name, status, score, message,
 * test_code}]}}, base64-encoded in the step's {@code result} output; it adds up the tests' scores
 * against the runners' max scores and posts "Points N/M" on the check run that Classroom reads.
 * A visible test is worth one point; the hidden suite, and the real grade, stay with the instructor.
 */
public final class Classroom {
    private Classroom() {}

    /** The workflow file: one step per chapter, then the reporter. */
    static String workflow(List<Chapter> chapters) {
        String step = StudentEdition.resource("classroom-step.yml");
        String steps = chapters.stream().map(c -> step.replace("@number@", c.number())
                .replace("@name@", c.name()).replace("@runner@", runner(c))).collect(Collectors.joining());
        String env = chapters.stream().map(c -> "          " + runner(c).toUpperCase(java.util.Locale.ROOT)
                + "_RESULTS: \"${{ steps." + runner(c) + ".outputs.result }}\"\n").collect(Collectors.joining());
        return StudentEdition.resource("classroom.yml").replace("@steps@\n", steps).replace("@env@\n", env)
                .replace("@runners@", chapters.stream().map(Classroom::runner).collect(Collectors.joining(",")));
    }

    /** The step id of a chapter: {@code chapter01}. */
    static String runner(Chapter c) {
        return "chapter" + c.number();
    }

    /** One chapter's check as a runner's results: one point per visible test that passes. */
    public static String results(Grade g) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("version", 1);
        String command = "./workbook check " + g.chapter().number();
        List<Object> tests = g.results().stream().<Object>map(r -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", (r.exercise().isEmpty() ? "" : r.exercise() + ": ") + r.shortName());
            t.put("status", r.passed() ? "pass" : "fail");
            t.put("score", r.passed() ? 1 : 0);
            t.put("message", r.passed() ? "" : message(r));
            t.put("test_code", command);
            return t;
        }).toList();
        top.put("status", g.problem() != null ? "error"
                : g.results().stream().allMatch(TestResult::passed) && !tests.isEmpty() ? "pass" : "fail");
        top.put("max_score", tests.size());
        if (g.problem() != null) {
            top.put("message", g.problem());
        }
        top.put("tests", tests);
        return Json.write(top);
    }

    private static String message(TestResult r) {
        String m = r.status().label() + ": " + r.message();
        return m.length() > 2000 ? m.substring(0, 2000) + "..." : m;
    }
}
