package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.gort.grader.report.JsonParser;
import dev.gort.grader.Toy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The whole pipeline on the toy chapter: one batch of submissions, good and bad, graded through the
 * CLI in parallel; each test below reads one submission's reports.
 *
 * <p>The toy has three exercises in one file: add (1 visible + 2 hidden points), fib (1 + 4) and
 * sum (1 + 2): 11 points. The bad submissions break only {@code add}, so the other 8 points show
 * that the rest of a submission is still graded.
 */
class GradingTest {
    @TempDir static Path tmp;
    static Path root;
    static Path out;
    static Toy.Run batch;

    static final Map<String, String> SUBMISSIONS = new LinkedHashMap<>();

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a batch, not a hang: 60 s is short on a busy machine
    static void gradeTheBatch() throws Exception {
        root = Toy.root(tmp.resolve("root"));
        SUBMISSIONS.put("correct", Toy.solution(root));
        SUBMISSIONS.put("nocompile", Toy.withAdd(root, "        return a + ;"));
        SUBMISSIONS.put("loop", Toy.withAdd(root, "        while (a == a) { Thread.onSpinWait(); }\n        return a + b;"));
        SUBMISSIONS.put("exit", Toy.withAdd(root, "        System.exit(3);\n        return a + b;"));
        SUBMISSIONS.put("oom", Toy.withAdd(root, "        var l = new java.util.ArrayList<long[]>();\n"
                + "        while (l.size() >= 0) { l.add(new long[1 << 20]); }\n        return a + b;"));
        SUBMISSIONS.put("flood", Toy.withAdd(root, "        for (int i = 0; i < 20_000; i++) { System.out.println(\"debug \" + i); }\n        return a + b;"));
        SUBMISSIONS.put("recursion", Toy.withAdd(root, "        return add(a, b) + 0;"));
        SUBMISSIONS.put("seeded", Toy.solution(root).replace("int per = (values.size() + threads - 1) / threads;",
                "int per = threads == 3 ? values.size() / 3 : (values.size() + threads - 1) / threads;"));
        List<String> args = new ArrayList<>(List.of("grade", "00", "--jobs", "2", "--heap", "64",
                "--test-timeout", "1.5", "--time-limit", "40", "--output-limit", "65536", "--out",
                tmp.resolve("out").toString(), "--submission"));
        for (var e : SUBMISSIONS.entrySet()) {
            // Submissions come in any shape: here the file sits at the top of the directory.
            Toy.write(tmp.resolve("subs").resolve(e.getKey()).resolve("Adder.java"), e.getValue());
            args.add(tmp.resolve("subs").resolve(e.getKey()).toString());
        }
        Files.createDirectories(tmp.resolve("subs/empty")); // no Adder.java at all: the stub is graded
        args.add(tmp.resolve("subs/empty").toString());
        long t0 = System.nanoTime();
        batch = Toy.cli(root, args.toArray(String[]::new));
        System.out.printf("graded %d toy submissions in %.1f s%n", SUBMISSIONS.size() + 1,
                (System.nanoTime() - t0) / 1e9);
        out = tmp.resolve("out");
    }

    static Map<String, Object> results(String submission) throws Exception {
        return results(submission, out);
    }

    /** A submission's results.json from a batch's output directory. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> results(String submission, Path dir) throws Exception {
        Object json = JsonParser.parse(Files.readString(dir.resolve(submission).resolve("results.json")));
        assertThat(json, instanceOf(Map.class));
        return (Map<String, Object>) json;
    }

    static List<Map<String, Object>> tests(String submission) throws Exception {
        return tests(submission, out);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tests(String submission, Path dir) throws Exception {
        return (List<Map<String, Object>>) results(submission, dir).get("tests");
    }

    static List<Map<String, Object>> testsOf(String submission, String exercise) throws Exception {
        return testsOf(submission, exercise, out);
    }

    static List<Map<String, Object>> testsOf(String submission, String exercise, Path dir) throws Exception {
        return tests(submission, dir).stream().filter(t -> ((List<?>) t.get("tags")).contains(exercise)).toList();
    }

    static double score(String submission) throws Exception {
        return (Double) results(submission).get("score");
    }

    @Test
    void theBatchSucceedsAndShowsProgress() {
        assertThat(batch.toString(), batch.status(), is(0));
        assertThat(batch.err(), allOf(containsString("[9/9]"), containsString("graded 9 submissions in")));
    }

    @Test
    void aCorrectSubmissionEarnsFullMarks() throws Exception {
        assertThat(score("correct"), is(11.0));
        assertThat(tests("correct").size(), is(8));
        for (var t : tests("correct")) {
            assertThat(t.toString(), t.get("status"), is("passed"));
        }
    }

    @Test
    void resultsJsonIsValidForGradescope() throws Exception {
        for (String s : List.of("correct", "nocompile", "loop", "empty")) {
            Map<String, Object> r = results(s);
            assertThat(r.get("score"), instanceOf(Double.class));
            assertThat(r.get("execution_time"), instanceOf(Double.class));
            assertThat(r.get("output"), instanceOf(String.class));
            assertThat((String) r.get("output_format"), is(in(Set.of("text", "html", "simple_format", "md", "ansi"))));
            double sum = 0;
            for (var t : tests(s)) {
                assertThat(t.keySet(), everyItem(is(in(Set.of("score", "max_score", "status", "name",
                        "number", "output", "tags", "visibility", "name_format", "output_format", "extra_data")))));
                assertThat((Double) t.get("score"), lessThanOrEqualTo((Double) t.get("max_score")));
                assertThat((String) t.get("status"), is(in(Set.of("passed", "failed"))));
                assertThat((String) t.get("visibility"), is(in(Set.of("visible", "hidden", "after_due_date", "after_published"))));
                assertThat((String) t.get("number"), org.hamcrest.Matchers.matchesPattern("\\d+\\.\\d+"));
                assertThat(t.get("name"), instanceOf(String.class));
                sum += (Double) t.get("score");
            }
            assertThat(s, (Double) r.get("score"), is(sum));
        }
        // Hidden tests are not shown before publication, and the output says where the points went.
        assertThat(tests("correct").stream().filter(t -> t.get("visibility").equals("after_published")).count(), is(5L));
        assertThat((String) results("correct").get("output"), containsString("hidden tests and the total score appear"));
    }

    @Test
    void untouchedStubsScoreZeroAndSayWhatToDo() throws Exception {
        assertThat(score("empty"), is(0.0));
        for (var t : tests("empty")) {
            assertThat((String) t.get("output"), startsWith("todo: not implemented yet: TODO "));
        }
        assertThat((String) testsOf("empty", "add").getFirst().get("output"),
                containsString("TODO add: Return the sum of a and b. (book: toy#adding)"));
        assertThat((String) results("empty").get("output"), containsString("Adder.java is not in the submission"));
    }

    @Test
    void aSubmissionThatDoesNotCompileGetsTheCompilerErrorsOnEveryTest() throws Exception {
        assertThat(score("nocompile"), is(0.0));
        for (var t : tests("nocompile")) {
            assertThat((String) t.get("output"), allOf(startsWith("compile error: Adder.java does not compile"),
                    containsString("line "), containsString("return a + ;")));
        }
    }

    @Test
    void anInfiniteLoopTimesOutWithItsPlaceAndTheRestIsGraded() throws Exception {
        assertThat(score("loop"), is(8.0));
        for (var t : testsOf("loop", "add")) {
            assertThat((String) t.get("output"), allOf(startsWith("timeout: did not finish within 1.5 s"),
                    containsString("It was at Adder.add(Adder.java:")));
        }
    }

    @Test
    void systemExitIsRefusedAndTheRestIsGraded() throws Exception {
        assertThat(score("exit"), is(8.0));
        for (var t : testsOf("exit", "add")) {
            assertThat((String) t.get("output"), allOf(startsWith("refused: exercise add scores 0"),
                    containsString("Adder.java line "), containsString("java.lang.System#exit (exiting the JVM)")));
        }
    }

    @Test
    void runningOutOfMemoryIsNamedAndTheRestIsGraded() throws Exception {
        assertThat(score("oom"), is(8.0));
        for (var t : testsOf("oom", "add")) {
            assertThat((String) t.get("output"), startsWith("crashed: ran out of memory: the test JVM's heap (64 MB)"));
        }
    }

    @Test
    void floodingTheOutputFailsTheTestButNotTheReport() throws Exception {
        assertThat(score("flood"), is(8.0));
        for (var t : testsOf("flood", "add")) {
            assertThat((String) t.get("output"), allOf(startsWith("failed: printed "),
                    containsString("over the limit of 65,536"), containsString("debug 0"),
                    containsString("more bytes cut")));
            assertThat(((String) t.get("output")).length(), lessThanOrEqualTo(6000));
        }
    }

    @Test
    void aStackOverflowIsExplained() throws Exception {
        assertThat(score("recursion"), is(8.0));
        for (var t : testsOf("recursion", "add")) {
            assertThat((String) t.get("output"), allOf(startsWith("failed: stack overflow"),
                    containsString("(at Adder.add(Adder.java:")));
        }
    }

    @Test
    void aSeededFailureNamesTheSeedAndTheReplayCommand() throws Exception {
        assertThat(score("seeded"), is(9.0));
        var sum = testsOf("seeded", "sum").stream().filter(t -> t.get("status").equals("failed")).toList();
        assertThat(sum.size(), is(1));
        assertThat((String) sum.getFirst().get("output"), allOf(containsString("seed "),
                containsString("replay: ./workbook replay 00 --seed "),
                containsString(" SumHiddenTest#exactForManySeeds")));
    }

    @Test
    void theGradebookHasOneRowPerSubmissionWithExercises() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("gradebook.csv"));
        assertThat(lines.getFirst(), is("submission,add,fib,sum,total,max,percent,problem"));
        assertThat(lines.size(), is(10));
        assertThat(lines, hasItem("correct,3,5,3,11,11,100,"));
        assertThat(lines, hasItem("loop,0,5,3,8,11,72.7,"));
        assertThat(lines, hasItem("empty,0,0,0,0,11,0,"));
    }

    @Test
    void junitXmlIsWellFormedAndCountsEveryTest() throws Exception {
        for (String s : List.of("correct", "loop", "nocompile")) {
            Path xml = out.resolve(s).resolve("junit/TEST-chapter00.xml");
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
            var suite = d.getDocumentElement();
            assertThat(suite.getTagName(), is("testsuite"));
            assertThat(suite.getAttribute("tests"), is("8"));
            assertThat(d.getElementsByTagName("testcase").getLength(), is(8));
        }
        Document loop = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("loop/junit/TEST-chapter00.xml").toFile());
        assertThat(loop.getDocumentElement().getAttribute("errors"), is("3"));
    }

    @Test
    void feedbackIsMarkdownPerSubmission() throws Exception {
        String md = Files.readString(out.resolve("loop/feedback.md"));
        assertThat(md, allOf(startsWith("# Chapter 00: A toy chapter"), containsString("Score: **8 / 11**"),
                containsString("| add: Add two numbers | 0 / 3 | to do |"), containsString("timeout"),
                containsString("./workbook hint 00 add")));
    }

    @Test
    void gradingOneSubmissionIsQuick() throws Exception {
        double secs = (Double) results("correct").get("execution_time");
        assertThat(secs, greaterThan(0.0));
        assertThat(secs, lessThanOrEqualTo(30.0));
    }
}
