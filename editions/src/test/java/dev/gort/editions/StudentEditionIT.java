package dev.gort.editions;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gort.grader.engine.Grader;
import dev.gort.grader.report.JsonParser;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.chapter.Region;
import dev.gort.grader.chapter.StubGenerator;
import dev.gort.grader.release.Launch;
import dev.gort.grader.release.LeakCheck;

/**
 * The student edition, end to end, as an instructor and a student would meet it:
 * {@code ./workbook release --out DIR} on this checkout (its book built by this build), the leak
 * check on what it wrote (and on planted leaks, to show it can fail), then the edition on its own:
 * built by Maven with nothing of the checkout, its {@code ./workbook check} running the visible tests
 * on the stubs (all fail) and on a correct solution (all pass, in GitHub Classroom's format), and its
 * {@code grade} sending the student to the instructor.
 */
class StudentEditionIT {
    static final Path ROOT = Launch.repositoryRoot();
    static Chapters checkout;
    static Path edition;
    static Launch.Run release;
    /**
     * Under target/, not /tmp: the grader's sandbox (bubblewrap) gives test JVMs an empty /tmp, and
     * the grader it runs here lives in what this test writes.
     */
    static final Path tmp = Path.of("target", "student-edition-it").toAbsolutePath();

    @BeforeAll
    static void release() throws IOException {
        Grader.deleteTree(tmp);
        checkout = new Chapters(ROOT);
        edition = tmp.resolve("student");
        long t0 = System.nanoTime();
        release = Launch.workbook(ROOT, tmp, "release", "--out", edition.toString());
        System.out.printf("release: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(release.toString(), release.status(), is(0));
    }

    @Test
    void theEditionHoldsEveryChapterTheBookTheLaunchersAndTheRuntimeOnlyCompiled() throws IOException {
        for (Chapter ch : checkout.all()) {
            Path dir = edition.resolve("chapters").resolve(ch.id());
            assertThat(ch.id(), Files.isRegularFile(dir.resolve(Chapter.MANIFEST)), is(true));
            for (Path rel : ch.studentFiles()) {
                String stub = Files.readString(dir.resolve("src/main/java").resolve(rel));
                assertThat(rel.toString(), StubGenerator.untouched(stub), is(true));
            }
            assertThat(ch.id(), files(dir.resolve("src/test/java")), not(empty()));
        }
        for (String f : List.of("README.md", "workbook", "jbang", "pom.xml", "edition.properties",
                "book/html/index.html", "book/gort.pdf", ".github/workflows/classroom.yml")) {
            assertThat(f, Files.isRegularFile(edition.resolve(f)), is(true));
        }
        assertThat(Files.isExecutable(edition.resolve("workbook")), is(true));
        assertThat(Files.exists(edition.resolve("solutions")), is(false));
        assertThat(Files.exists(edition.resolve("runtime/src")), is(false));
        assertThat(Files.exists(edition.resolve("book/src")), is(false));
        try (JarFile jar = new JarFile(edition.resolve("runtime/gort-runtime.jar").toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).toList();
            // The classes with solution regions are there, compiled: exercises run inside a whole runtime.
            for (Chapter ch : checkout.all()) {
                for (Path src : ch.stubSources()) {
                    String cls = src.toString().replaceFirst("^runtime/src/main/java/", "").replace(".java", ".class");
                    assertThat(names, hasItem(cls));
                }
            }
            assertThat(names.stream().filter(n -> n.endsWith(".java")).toList(), empty());
        }
        assertThat(Files.readString(edition.resolve("README.md")), allOf(containsString("./workbook check"),
                containsString("instructor edition")));
    }

    @Test
    void theLeakCheckFindsNothingInTheEditionButCatchesPlantedLeaks() throws IOException {
        assertThat(release.out(), containsString("Leak check passed"));
        LeakCheck check = LeakCheck.of(checkout);
        assertThat(check.scan(edition), empty());

        // Plant one leak of each kind in a scratch edition and see each one named.
        Path bad = tmp.resolve("leaky");
        Chapter ch = checkout.resolve("01");
        Path ref = ROOT.resolve(ch.stubSources().getFirst());
        Files.createDirectories(bad.resolve("notes"));
        Files.copy(ref, bad.resolve("notes/copied-reference.java"));
        String line = longestRegionLine(ref);
        String html = "<pre class=\"rouge\"><code>" + line.replace("&", "&amp;").replace("<", "&lt;")
                .replace("(", "<span class=\"p\">(</span>") + "</code></pre>";
        Files.writeString(bad.resolve("index.html"), html);
        Path hidden = files(ch.hiddenTests()).stream().filter(p -> p.toString().endsWith("HiddenTest.java"))
                .findFirst().orElseThrow();
        String hiddenName = hidden.getFileName().toString().replace(".java", "");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(bad.resolve("extra.jar")))) {
            jar.putNextEntry(new JarEntry("notes.txt"));
            jar.write(("see " + hiddenName + " for the edge cases").getBytes());
            jar.putNextEntry(new JarEntry("dev/gort/solutions/scheduler/X.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
        }
        Files.createDirectories(bad.resolve("solutions/01-scheduler"));
        Files.writeString(bad.resolve("solutions/01-scheduler/pom.xml"), "<project/>");

        List<String> found = check.scan(bad);
        assertThat(found, hasItem(allOf(startsWith("notes/copied-reference.java"), containsString("solution marker"))));
        assertThat(found, hasItem(allOf(startsWith("index.html"), containsString("a line of a solution region"))));
        assertThat(found, hasItem(allOf(startsWith("extra.jar!/notes.txt"), containsString(hiddenName))));
        assertThat(found, hasItem(startsWith("extra.jar!/dev/gort/solutions/")));
        assertThat(found, hasItem(startsWith("solutions/01-scheduler/pom.xml")));

        Launch.Run cli = Launch.workbook(ROOT, tmp, "release", "--check", bad.toString());
        assertThat(cli.toString(), cli.status(), is(1));
        assertThat(cli.out(), containsString("Do not hand it out"));
    }

    @Test
    void theEditionBuildsOnItsOwnAndChecksAStudentsWork() throws IOException {
        // Built with Maven and nothing of the checkout (offline: this build fetched what it needs).
        long t0 = System.nanoTime();
        Launch.Run mvn = Launch.run(List.of("mvn", "-o", "-q", "-B", "package"), edition,
                Map.of("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow"));
        System.out.printf("edition build: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertThat(mvn.toString(), mvn.status(), is(0));

        Chapter ch = checkout.resolve("01");
        // The untouched stubs: every visible test fails with its TODO, and Classroom gets 0 points.
        Path json = edition.resolve("target/classroom/chapter01.json");
        Launch.Run stubs = Launch.workbook(edition, edition, "check", "01", "--classroom", json.toString());
        assertThat(stubs.toString(), stubs.status(), is(0));
        assertThat(stubs.out(), allOf(containsString("TODO"), containsString("0 of ")));
        Map<?, ?> none = (Map<?, ?>) JsonParser.parse(Files.readString(json));
        assertThat(none.toString(), none.get("status"), is("fail"));
        assertThat(((List<?>) none.get("tests")).stream().map(t -> ((Map<?, ?>) t).get("score")).toList(),
                everyItem(is(0.0)));
        assertThat(((List<?>) none.get("tests")).stream().map(t -> (String) ((Map<?, ?>) t).get("message")).toList(),
                everyItem(containsString("TODO")));

        Launch.Run grade = Launch.workbook(edition, edition, "grade", "01");
        assertThat(grade.toString(), grade.status(), is(2));
        assertThat(grade.out(), containsString("needs the instructor edition"));

        // A student who gets everything right: the reference's regions, in the chapter's package.
        Path sources = edition.resolve("chapters").resolve(ch.id()).resolve("src/main/java");
        for (var e : new StubGenerator(ch).generate(StubGenerator.Edition.SOLUTION).entrySet()) {
            Files.writeString(sources.resolve(e.getKey()), e.getValue());
        }
        Launch.Run solved = Launch.workbook(edition, edition, "check", "01", "--classroom", json.toString());
        assertThat(solved.toString(), solved.status(), is(0));
        assertThat(solved.out(), not(containsString("TODO")));
        Map<?, ?> r = (Map<?, ?>) JsonParser.parse(Files.readString(json));
        List<?> tests = (List<?>) r.get("tests");
        assertThat(r.toString(), r.get("version"), is(1.0));
        assertThat(r.toString(), r.get("status"), is("pass"));
        assertThat(tests.size(), greaterThan(0));
        assertThat((Double) r.get("max_score"), is((double) tests.size()));
        List<Object> statuses = new ArrayList<>();
        double sum = 0;
        for (Object o : tests) {
            Map<?, ?> t = (Map<?, ?>) o;
            statuses.add(t.get("status"));
            sum += (Double) t.get("score");
            assertThat(t.toString(), t.get("name"), org.hamcrest.Matchers.instanceOf(String.class));
            assertThat(t.toString(), t.get("test_code"), is("./workbook check 01"));
        }
        assertThat(statuses, everyItem(is("pass")));
        assertThat(sum, is((double) tests.size()));

        String workflow = Files.readString(edition.resolve(".github/workflows/classroom.yml"));
        for (Chapter c : checkout.all()) {
            assertThat(workflow, allOf(containsString("./workbook check " + c.number() + " --classroom"),
                    containsString("CHAPTER" + c.number() + "_RESULTS")));
        }
        assertThat(workflow, containsString("classroom-resources/autograding-grading-reporter@v1"));
    }

    /** The longest line inside a solution region of {@code ref}: surely distinctive. */
    static String longestRegionLine(Path ref) throws IOException {
        List<String> lines = Files.readAllLines(ref);
        return Region.find(ref, lines).stream()
                .flatMap(r -> lines.subList(r.begin() + 1, r.end()).stream())
                .map(String::strip).filter(l -> !l.startsWith("//"))
                .max(Comparator.comparingInt(String::length)).orElseThrow();
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
