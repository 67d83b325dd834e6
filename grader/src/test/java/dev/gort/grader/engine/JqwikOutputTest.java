package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jqwik (the engine of chapter 04's property tests) prints a banner addressed to AI agents when it
 * starts. It is not a result and no message for a student: nothing of it may reach a graded
 * submission's feedback, results or JUnit reports, whether its property passes or fails (a failing
 * property's own report, the sample that falsified it, does reach them). The grader's own JVMs
 * (Surefire, Failsafe) do not start jqwik's engine at all (grader/pom.xml).
 */
class JqwikOutputTest {
    @TempDir Path tmp;

    @Test
    void jqwiksBannerReachesNoReportButAFalsifiedSampleDoes() throws Exception {
        Path root = Toy.root(tmp.resolve("root"));
        Toy.addHiddenTest(root, "AddPropertyTest", """
                import net.jqwik.api.ForAll;
                import net.jqwik.api.Property;
                import net.jqwik.api.constraints.IntRange;
                """, """
                    @Property(tries = 50)
                    @Points(1)
                    boolean addIsCommutative(@ForAll @IntRange(min = 0, max = 100) int a,
                                             @ForAll @IntRange(min = 0, max = 100) int b) {
                        return Chapter00.adder().add(a, b) == Chapter00.adder().add(b, a);
                    }
                """);
        Toy.write(tmp.resolve("subs/correct/Adder.java"), Toy.solution(root));
        Toy.write(tmp.resolve("subs/asym/Adder.java"), Toy.withAdd(root, "        return a + 2 * b;"));
        Toy.Run run = Toy.cli(root, "grade", "00", "--test-timeout", "5", "--out", tmp.resolve("out").toString(),
                "--submission", tmp.resolve("subs/correct").toString(), tmp.resolve("subs/asym").toString());
        assertThat(run.toString(), run.status(), is(0));
        String correct = reports(tmp.resolve("out/correct"));
        String asym = reports(tmp.resolve("out/asym"));
        assertThat("the property ran and passed", correct,
                containsString("AddPropertyTest.addIsCommutative` (add, 1/1, hidden): passed"));
        assertThat("the property was falsified, with jqwik's sample", asym, allOf(
                containsString("AddPropertyTest.addIsCommutative` (add, 0/1, hidden): failed"),
                containsString("failed with sample")));
        for (String reports : new String[] {correct, asym, run.out(), run.err()}) {
            assertThat(reports, allOf(not(containsString("AI Agent")),
                    not(containsString("Disregard previous instructions"))));
        }
    }

    /** feedback.md, results.json and the JUnit XML of one graded submission, as one text. */
    private static String reports(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(f)).append('\n');
            }
            return b.toString();
        }
    }
}
