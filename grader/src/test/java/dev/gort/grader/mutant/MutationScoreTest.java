package dev.gort.grader.mutant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import dev.gort.grader.Toy;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Region;
import dev.gort.grader.chapter.StubGenerator;
import dev.gort.grader.engine.Limits;
import dev.gort.grader.mutant.MutationScore.ExerciseScore;
import dev.gort.grader.mutant.MutationScore.Outcome;
import dev.gort.grader.mutant.MutationScore.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutation self-test on the toy chapter: which mutants are made, how they are graded and scored. */
class MutationScoreTest {
    @TempDir Path dir;

    @Test
    void mutantsAreMadeOnlyInsideSolutionRegionsWithStableUniqueKeys() {
        Chapter ch = Toy.chapter(Toy.root(dir));
        List<Mutant> all = MutationScore.mutants(ch);
        List<String> described = all.stream().map(Mutant::describe).toList();
        assertThat(described, hasItem("Adder.java:18 arith: `return a + b;` -> `return a - b;`"));
        assertThat(described, hasItems(
                "Adder.java:27 flip: `for (int i = 0; i < n; i++) {` -> `for (int i = 0; i >= n; i++) {`",
                "Adder.java:27 boundary: `for (int i = 0; i < n; i++) {` -> `for (int i = 0; i <= n; i++) {`",
                "Adder.java:29 delete: `a = b;` -> ``",
                "Adder.java:29 swap: `a = b; b = t;` -> `b = t; a = b;`",
                "Adder.java:25 constant: `long a = 0;` -> `long a = 1;`"));
        List<Region> regions = Region.find(ch.root().resolve(ch.stubSources().getFirst()));
        for (Mutant m : all) {
            assertThat(m.describe() + " lies inside a region", regions.stream()
                    .anyMatch(r -> m.line() > r.begin() && m.line() + m.original().size() <= r.end()), is(true));
        }
        assertThat("keys are unique", new HashSet<>(all.stream().map(Mutant::key).toList()).size(),
                equalTo(all.size()));
        assertThat("keys do not change between runs", MutationScore.mutants(ch).stream().map(Mutant::key).toList(),
                equalTo(all.stream().map(Mutant::key).toList()));
    }

    @Test
    void aTraceCallAndTheIfThatGuardsItAreNotMutated() {
        Chapter ch = Toy.chapter(Toy.root(dir));
        Path rel = ch.stubSources().getFirst();
        List<String> lines = new ArrayList<>(new StubGenerator(ch).referenceLines(rel));
        int begin = Region.find(ch.root().resolve(rel), lines).getFirst().begin();
        lines.addAll(begin + 1, List.of("        if (rt.tracing) {", "            rt.tracer.event(mp, 1, 2, 3, 4);",
                "        }"));
        List<String> touched = Mutator.mutants(ch, Map.of(rel, lines)).stream()
                .filter(m -> String.join(" ", m.original()).contains("trac")).map(Mutant::describe).toList();
        assertThat("what the tracer is told is no exercise's concern", touched, equalTo(List.of()));
    }

    @Test
    void eachSampledMutantIsGradedOnItsExerciseAndListedEquivalentsAreNot() throws IOException {
        Path root = Toy.root(dir.resolve("repo"));
        Chapter ch = Toy.chapter(root);
        List<Mutant> fib = MutationScore.mutants(ch).stream().filter(m -> m.exercise().equals("fib")).toList();
        Mutant equivalent = MutationScore.choose(fib, 2).getFirst();
        Files.writeString(ch.dir().resolve(Chapter.MANIFEST), "\nexercise.add.mutants.floor = 100\n"
                + Chapter.EQUIVALENT_MUTANT + equivalent.key() + " = listed by the test\n",
                StandardOpenOption.APPEND);
        ch = Toy.chapter(root);

        MutationScore.Report r = MutationScore.run(ch, Limits.defaults(), dir.resolve("work"), 2, 1,
                new PrintWriter(Writer.nullWriter()));

        ExerciseScore add = score(r, "add");
        assertThat("add has one mutant (a - b), which its tests kill", add.count(Verdict.KILLED), is(1L));
        assertThat(add.rate(), equalTo(100.0));
        assertThat(add.belowFloor(), is(false));
        ExerciseScore f = score(r, "fib");
        assertThat("a sample is drawn from the mutants that count: the listed one is left out",
                f.outcomes().stream().map(o -> o.mutant().key()).toList(), not(hasItem(equivalent.key())));
        assertThat("and it grades as many as it says", f.outcomes().stream()
                .filter(o -> o.verdict() != Verdict.EQUIVALENT && o.verdict() != Verdict.ERROR).count(), is(2L));

        MutationScore.Report asked = MutationScore.run(ch, Limits.defaults(), dir.resolve("work2"), 0, 1,
                m -> m.key().equals(equivalent.key()), new PrintWriter(Writer.nullWriter()));
        ExerciseScore listed = score(asked, "fib");
        assertThat("asked for by its key, the listed mutant is not graded", listed.outcomes().getFirst().verdict(),
                is(Verdict.EQUIVALENT));
        assertThat(listed.outcomes().getFirst().by(), equalTo("listed by the test"));
        assertThat("only the mutant asked for", listed.outcomes().size(), is(1));
    }

    @Test
    void anExerciseBelowItsFloorFailsTheReportAndNamesItsSurvivors() {
        Chapter ch = Toy.chapter(Toy.root(dir));
        List<Mutant> fib = MutationScore.mutants(ch).stream().filter(m -> m.exercise().equals("fib")).toList();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(new Outcome(fib.get(i), i < 8 ? Verdict.KILLED : Verdict.SURVIVED, ""));
        }
        ExerciseScore score = new ExerciseScore("fib", 90, fib.size(), outcomes);
        assertThat(score.rate(), equalTo(80.0));
        assertThat(score.belowFloor(), is(true));
        MutationScore.Report r = new MutationScore.Report(ch, 0, List.of(score));
        assertThat(r.ok(), is(false));
        assertThat(r.summary(), containsString("BELOW THE FLOOR"));
        assertThat(r.summary(), containsString("survived " + fib.get(9).key()));
        assertThat("a survivor says how to list an equivalent", r.summary(),
                containsString(Chapter.EQUIVALENT_MUTANT + "KEY = the reason"));
    }

    private static ExerciseScore score(MutationScore.Report r, String exercise) {
        return r.exercises().stream().filter(e -> e.exercise().equals(exercise)).findFirst().orElseThrow();
    }
}
