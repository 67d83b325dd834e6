package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submissions that try to earn marks, or do harm, without doing the work, graded in one batch
 * through the CLI on the toy chapter. Each puts its trick in {@code add} (3 of the toy's 11
 * points), so a refusal that costs only that exercise leaves 8 points; a trick outside any
 * exercise's method costs the whole file.
 */
class AttackTest {
    @TempDir static Path tmp;
    static Path out;
    static Path marker;
    static Toy.Run batch;
    static final Map<String, String> SUBMISSIONS = new LinkedHashMap<>();

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a batch, not a hang: 60 s is short on a busy machine
    static void gradeTheAttacks() throws Exception {
        Path root = Toy.root(tmp.resolve("root"));
        marker = tmp.resolve("pwned");
        String m = marker.toString().replace("\\", "\\\\");
        SUBMISSIONS.put("reflection", Toy.withAdd(root, """
                        try {
                            return (int) Class.forName("java.lang.Integer").getMethod("sum", int.class, int.class).invoke(null, a, b);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }"""));
        SUBMISSIONS.put("files", Toy.withAdd(root, """
                        try {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "x");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return a + b;""".formatted(m)));
        SUBMISSIONS.put("process", Toy.withAdd(root, """
                        try {
                            new ProcessBuilder("touch", "%s").start().waitFor();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return a + b;""".formatted(m)));
        SUBMISSIONS.put("settings", Toy.withAdd(root, """
                        System.setProperty("gort.seed", "3");
                        return a + b;"""));
        SUBMISSIONS.put("lambda", Toy.withAdd(root, """
                        Runnable r = () -> System.exit(0);
                        return a + b;"""));
        SUBMISSIONS.put("initializer", Toy.solution(root).replace(
                "private final String name = \"adder\";",
                "private final String name = String.valueOf(Runtime.getRuntime().availableProcessors());"));
        List<String> args = new ArrayList<>(List.of("grade", "00", "--jobs", "2", "--heap", "64",
                "--test-timeout", "2", "--out", tmp.resolve("out").toString(), "--submission"));
        for (var e : SUBMISSIONS.entrySet()) {
            Toy.write(tmp.resolve("subs").resolve(e.getKey()).resolve("Adder.java"), e.getValue());
            args.add(tmp.resolve("subs").resolve(e.getKey()).toString());
        }
        batch = Toy.cli(root, args.toArray(String[]::new));
        out = tmp.resolve("out");
    }

    static double score(String s) throws Exception {
        return (Double) GradingTest.results(s, out).get("score");
    }

    static String addOutput(String s) throws Exception {
        return (String) GradingTest.testsOf(s, "add", out).getFirst().get("output");
    }

    @Test
    void reflectionCostsOnlyItsExercise() throws Exception {
        assertThat(batch.toString(), batch.status(), is(0));
        assertThat(score("reflection"), is(8.0));
        assertThat(Files.readString(out.resolve("reflection/feedback.md")),
                containsString("Isolation: " + Isolation.level().description()));
        assertThat(addOutput("reflection"), allOf(startsWith("refused: exercise add scores 0"),
                containsString("Adder.java line "), containsString("(in add)"),
                containsString("java.lang.Class#forName (reflection)")));
    }

    @Test
    void fileAndProcessApisAreRefusedAndNeverRun() throws Exception {
        assertThat(score("files"), is(8.0));
        assertThat(score("process"), is(8.0));
        assertThat(addOutput("files"), containsString("java.nio.file.Files#writeString (files)"));
        assertThat(addOutput("process"), containsString("java.lang.ProcessBuilder (processes)"));
        assertThat("the refused code never ran", Files.exists(marker), is(false));
    }

    @Test
    void gradingSettingsCannotBeChanged() throws Exception {
        assertThat(score("settings"), is(8.0));
        assertThat(addOutput("settings"), containsString("java.lang.System#setProperty"));
    }

    @Test
    void aLambdaCountsAsItsMethod() throws Exception {
        assertThat(score("lambda"), is(8.0));
        assertThat(addOutput("lambda"), allOf(containsString("(in add)"),
                containsString("java.lang.System#exit (exiting the JVM)")));
    }

    @Test
    void aRefusalOutsideAnyExerciseCostsTheWholeFile() throws Exception {
        assertThat(score("initializer"), is(0.0));
        for (String ex : List.of("add", "fib", "sum")) {
            for (var t : GradingTest.testsOf("initializer", ex, out)) {
                assertThat((String) t.get("output"), allOf(startsWith("refused: exercise " + ex),
                        containsString("java.lang.Runtime")));
                assertThat((String) t.get("output"), not(containsString("(in ")));
            }
        }
    }
}
