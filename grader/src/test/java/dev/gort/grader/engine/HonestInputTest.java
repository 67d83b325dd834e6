package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Honest submissions packed the way students pack them, graded in one batch on the toy chapter
 * (11 points): how a file was saved or where it sits never costs points, and a file that cannot
 * be used costs only itself, with a note. Also: nothing of the hidden suite's source reaches
 * feedback, and links out of a submission are not followed.
 */
class HonestInputTest {
    @TempDir static Path tmp;
    static Path subs;
    static Path out;
    static Toy.Run batch;
    static final String SECRET = "TOP SECRET: a line no report may quote";

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a batch, not a hang: 60 s is short on a busy machine
    static void gradeTheBatch() throws Exception {
        Path root = Toy.root(tmp.resolve("root"));
        subs = tmp.resolve("subs");
        String solution = Toy.solution(root).replace("/** Returns {@code a + b}. */",
                "/** Returns {@code a + b}: café, naïve, déjà vu. */");
        String stub = Files.readString(Toy.chapter(root).mainSources().resolve(Toy.ADDER));
        write("latin1/Adder.java", solution.getBytes(Charset.forName("ISO-8859-1")));
        write("bom/Adder.java", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                solution.getBytes(StandardCharsets.UTF_8)));
        write("utf16/Adder.java", solution.getBytes(StandardCharsets.UTF_16)); // Java writes a BOM
        write("package/Adder.java", solution.replace("package dev.gort.chapters.toy;",
                "package dev.gort.chapters.mine;").getBytes(StandardCharsets.UTF_8));
        write("copies/src/main/java/dev/gort/chapters/toy/Adder.java", stub.getBytes(StandardCharsets.UTF_8));
        write("copies/old-attempt/Adder.java", solution.getBytes(StandardCharsets.UTF_8));
        write("target/target/classes/Adder.java", solution.getBytes(StandardCharsets.UTF_8));
        write("binary/Adder.java", new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 42});
        Files.writeString(tmp.resolve("secret.txt"), SECRET + "\n");
        Files.createDirectories(subs.resolve("link"));
        Files.createSymbolicLink(subs.resolve("link/Adder.java"), tmp.resolve("secret.txt"));
        // Deleting name() breaks only the hidden suite (FibHiddenTest uses it): its compile errors
        // must not quote the hidden test's source.
        write("hiddenbreak/Adder.java", solution.replace("public String name() {\n        return name;\n    }",
                "").getBytes(StandardCharsets.UTF_8));
        List<String> args = new ArrayList<>(List.of("grade", "00", "--jobs", "2", "--test-timeout", "5",
                "--out", tmp.resolve("out").toString(), "--submission"));
        for (String s : List.of("latin1", "bom", "utf16", "package", "copies", "target", "binary", "link",
                "hiddenbreak")) {
            args.add(subs.resolve(s).toString());
        }
        batch = Toy.cli(root, args.toArray(String[]::new));
        out = tmp.resolve("out");
    }

    private static void write(String rel, byte[] bytes) throws Exception {
        Path f = subs.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static double score(String s) throws Exception {
        return (Double) GradingTest.results(s, out).get("score");
    }

    static String output(String s) throws Exception {
        return (String) GradingTest.results(s, out).get("output");
    }

    @Test
    void everyCommonEncodingCompilesWithANote() throws Exception {
        assertThat(batch.toString(), batch.status(), is(0));
        assertThat(score("latin1"), is(11.0));
        assertThat(output("latin1"), containsString("Adder.java: not UTF-8; read it as Windows-1252"));
        assertThat(score("bom"), is(11.0));
        assertThat(score("utf16"), is(11.0));
        assertThat(output("utf16"), containsString("saved as UTF-16"));
    }

    @Test
    void aWrongPackageLineNamesTheExpectedPackage() throws Exception {
        assertThat(score("package"), is(0.0));
        assertThat(output("package"), allOf(containsString("declares package dev.gort.chapters.mine"),
                containsString("must be in package dev.gort.chapters.toy")));
    }

    @Test
    void theEditedCopyWinsOverAnUntouchedStub() throws Exception {
        assertThat(score("copies"), is(11.0));
        assertThat(output("copies"), containsString("graded old-attempt/Adder.java, an edited one"));
    }

    @Test
    void filesUnderTargetAreFound() throws Exception {
        assertThat(score("target"), is(11.0));
    }

    @Test
    void aBinaryFileCostsOnlyItself() throws Exception {
        assertThat(score("binary"), is(0.0));
        assertThat(output("binary"), containsString("Adder.java is not a text file: graded its untouched stub"));
    }

    @Test
    void aLinkOutOfTheSubmissionIsReportedAndNotFollowed() throws Exception {
        assertThat(output("link"), containsString("Adder.java is a symbolic link to a file outside the submission: not followed"));
        for (String f : List.of("feedback.md", "results.json", "junit/TEST-chapter00.xml")) {
            assertThat(f, Files.readString(out.resolve("link").resolve(f)), not(containsString("TOP SECRET")));
        }
    }

    @Test
    void hiddenTestSourceNeverReachesTheReports() throws Exception {
        String feedback = Files.readString(out.resolve("hiddenbreak/feedback.md"));
        assertThat(feedback, containsString("FibHiddenTest.java"));
        for (String f : List.of("feedback.md", "results.json", "junit/TEST-chapter00.xml")) {
            String text = Files.readString(out.resolve("hiddenbreak").resolve(f));
            assertThat(f, text, not(containsString("adder.name() + ")));
        }
    }
}
