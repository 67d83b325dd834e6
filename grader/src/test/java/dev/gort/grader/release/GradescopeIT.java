package dev.gort.grader.release;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gort.grader.engine.Grader;
import dev.gort.grader.report.JsonParser;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.chapter.StubGenerator;

/**
 * Gradescope's autograder, end to end: {@code ./workbook release --gradescope --chapter 01} makes
 * the zip; the test lays out Gradescope's folders ({@code source/} unpacked from the zip,
 * {@code submission/}, {@code results/}) in a scratch directory, runs {@code run_autograder} there
 * as Gradescope would, and checks {@code results.json} against the format: the reference solution
 * earns 100 %, the untouched stubs 0, a submission with one bug the points of every test but the
 * one its bug breaks. ({@code setup.sh} is not run: it installs packages; the JDK running the
 * tests stands in for the one it installs.)
 */
class GradescopeIT {
    static final Path ROOT = Launch.repositoryRoot();
    static Chapter chapter;
    static Path zip;
    /**
     * Under target/, not /tmp: the grader's sandbox (bubblewrap) gives test JVMs an empty /tmp, and
     * the grader it runs here lives in what this test writes.
     */
    static final Path tmp = Path.of("target", "gradescope-it").toAbsolutePath();

    @BeforeAll
    static void makeTheZip() throws IOException {
        Grader.deleteTree(tmp);
        chapter = new Chapters(ROOT).resolve("01");
        Launch.Run r = Launch.workbook(ROOT, tmp, "release", "--gradescope", "--chapter", "01",
                "--out", tmp.resolve("gs").toString());
        assertThat(r.toString(), r.status(), is(0));
        zip = tmp.resolve("gs/autograder.zip");
        assertThat(r.out(), containsString("autograder.zip"));
    }

    @Test
    void theZipHoldsExecutableScriptsTheGraderAndTheChaptersSuites() throws IOException {
        try (FileSystem z = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            for (String script : List.of("setup.sh", "run_autograder")) {
                assertThat(script, Files.getPosixFilePermissions(z.getPath(script)),
                        hasItem(PosixFilePermission.OWNER_EXECUTE));
            }
            assertThat(Files.readString(z.getPath("setup.sh")), allOf(containsString("temurin-25-jdk"),
                    containsString("maven")));
            try (Stream<Path> s = Files.list(z.getPath("gort/lib"))) {
                List<String> jars = s.map(p -> p.getFileName().toString()).toList();
                assertThat(jars, hasItem(containsString("gort-runtime")));
                assertThat(jars, hasItem("gort-grader.jar"));
                assertThat(jars, hasItem(containsString("junit-platform-launcher")));
            }
            assertThat(Files.isRegularFile(z.getPath("gort/solutions/01-scheduler/src/test/java/dev/gort"
                    + "/solutions/scheduler/RunqHiddenTest.java")), is(true));
            assertThat(Files.exists(z.getPath("gort/chapters/03-synchronization")), is(false));
        }
    }

    @Test
    void theSolutionEarnsFullMarks() throws Exception {
        Map<String, Object> r = grade("solution", solution());
        assertValid(r);
        assertThat((Double) r.get("score"), closeTo(maxScore(r), 1e-9));
        assertThat(maxScore(r), greaterThan(0.0));
        assertThat(tests(r), everyItem(TestMatcher.status("passed")));
    }

    @Test
    void untouchedStubsEarnNothing() throws Exception {
        Map<String, Object> r = grade("stubs", new StubGenerator(chapter).generate(StubGenerator.Edition.STUBS));
        assertValid(r);
        assertThat((Double) r.get("score"), is(0.0));
        assertThat(maxScore(r), greaterThan(0.0));
        assertThat(tests(r), everyItem(TestMatcher.status("failed")));
        assertThat((String) tests(r).getFirst().get("output"), containsString("TODO"));
    }

    @Test
    void aBuggySubmissionLosesOnlyWhatItsBugBreaks() throws Exception {
        Map<Path, String> files = solution();
        Path gfree = Path.of("dev/gort/chapters/scheduler/GFree.java");
        String check = "if (gp.readgstatus() != _Gdead) {";
        assertThat("the reference gfput checks the status", files.get(gfree), containsString(check));
        files.put(gfree, files.get(gfree).replace(check, "if (false) { // forgot the status check"));
        Map<String, Object> r = grade("buggy", files);
        assertValid(r);
        double score = (Double) r.get("score");
        assertThat(score, allOf(greaterThan(0.0), lessThan(maxScore(r))));
        List<Map<String, Object>> failed = tests(r).stream().filter(t -> t.get("status").equals("failed")).toList();
        assertThat(failed.size(), is(1));
        Map<String, Object> t = failed.getFirst();
        assertThat(t.toString(), (String) t.get("name"), containsString("gfputRejectsALiveG"));
        assertThat((Double) t.get("score"), is(0.0));
        assertThat(score, closeTo(maxScore(r) - (Double) t.get("max_score"), 1e-9));
        assertThat((String) t.get("output"), not(is("")));
    }

    /** The reference's regions in the chapter's package: what a student who got everything right hands in. */
    static Map<Path, String> solution() {
        return new java.util.LinkedHashMap<>(new StubGenerator(chapter).generate(StubGenerator.Edition.SOLUTION));
    }

    /** Lays out /autograder in a scratch folder, runs run_autograder, returns results.json. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> grade(String name, Map<Path, String> files) throws Exception {
        Path ag = tmp.resolve("autograder-" + name);
        unzip(zip, ag.resolve("source"));
        // Students upload their files as they like: flat at the top here.
        for (var e : files.entrySet()) {
            Files.writeString(Files.createDirectories(ag.resolve("submission")).resolve(e.getKey().getFileName()),
                    e.getValue());
        }
        Files.createDirectories(ag.resolve("results"));
        Launch.Run run = Launch.run(List.of(ag.resolve("source/run_autograder").toString()), ag,
                Map.of("GORT_AUTOGRADER_ROOT", ag.toString()));
        assertThat(run.toString(), run.status(), is(0));
        Path results = ag.resolve("results/results.json");
        assertThat(run.toString(), Files.isRegularFile(results), is(true));
        return (Map<String, Object>) JsonParser.parse(Files.readString(results));
    }

    /** The fields Gradescope reads, with the types and values its format allows. */
    static void assertValid(Map<String, Object> r) {
        assertThat(r.get("score"), instanceOf(Double.class));
        assertThat(r.get("execution_time"), instanceOf(Double.class));
        assertThat(r.get("output"), instanceOf(String.class));
        Set<String> formats = Set.of("text", "html", "simple_format", "md", "ansi");
        assertThat((String) r.get("output_format"), is(in(formats)));
        assertThat((String) r.get("test_output_format"), is(in(formats)));
        Set<String> visibilities = Set.of("hidden", "after_due_date", "after_published", "visible");
        assertThat((String) r.get("visibility"), is(in(visibilities)));
        assertThat((String) r.get("stdout_visibility"), is(in(visibilities)));
        List<Map<String, Object>> tests = tests(r);
        assertThat(tests.size(), greaterThan(20));
        double sum = 0;
        for (Map<String, Object> t : tests) {
            assertThat(t.toString(), t.get("name"), instanceOf(String.class));
            assertThat(t.toString(), (String) t.get("status"), is(in(Set.of("passed", "failed"))));
            assertThat(t.toString(), (String) t.get("visibility"), is(in(visibilities)));
            assertThat(t.toString(), t.get("output"), instanceOf(String.class));
            assertThat(t.toString(), (String) t.get("number"), org.hamcrest.Matchers.matchesPattern("\\d+\\.\\d+"));
            double score = (Double) t.get("score");
            double max = (Double) t.get("max_score");
            assertThat(t.toString(), score, allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(0.0),
                    org.hamcrest.Matchers.lessThanOrEqualTo(max)));
            sum += score;
        }
        assertThat("the score is the sum of the tests' scores", (Double) r.get("score"), closeTo(sum, 1e-6));
        // Hidden tests stay hidden until the grades are published; visible ones show at once.
        assertThat(tests.stream().filter(t -> ((String) t.get("name")).contains("HiddenTest"))
                .map(t -> t.get("visibility")).toList(), everyItem(is("after_published")));
        assertThat(tests.stream().filter(t -> ((String) t.get("name")).contains("SchedulerTest"))
                .map(t -> t.get("visibility")).toList(), everyItem(is("visible")));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tests(Map<String, Object> r) {
        return (List<Map<String, Object>>) r.get("tests");
    }

    static double maxScore(Map<String, Object> r) {
        return tests(r).stream().mapToDouble(t -> (Double) t.get("max_score")).sum();
    }

    /** Unpacks a zip keeping the executable bits it records, as Gradescope's unzip does. */
    static void unzip(Path zip, Path to) throws IOException {
        try (FileSystem z = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
             Stream<Path> s = Files.walk(z.getPath("/"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path t = to.resolve(p.toString().substring(1));
                Files.createDirectories(t.getParent());
                Files.copy(p, t);
                Files.setPosixFilePermissions(t, Files.getPosixFilePermissions(p));
            }
        }
    }

    /** A test entry of results.json with the given status. */
    static final class TestMatcher {
        static org.hamcrest.Matcher<Map<String, Object>> status(String s) {
            return new org.hamcrest.TypeSafeMatcher<>() {
                @Override
                protected boolean matchesSafely(Map<String, Object> t) {
                    return s.equals(t.get("status"));
                }

                @Override
                public void describeTo(org.hamcrest.Description d) {
                    d.appendText("a test with status " + s);
                }
            };
        }
    }
}
