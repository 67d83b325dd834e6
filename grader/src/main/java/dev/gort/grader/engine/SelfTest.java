package dev.gort.grader.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Region;
import dev.gort.grader.chapter.StubGenerator;
import dev.gort.grader.engine.Grader.Grade;

/**
 * The proof CI runs for every chapter ({@code ./workbook selftest}, and {@code mvn verify} through
 * the solutions' integration test):
 * <ol>
 * <li>the committed stubs are what the generator makes from the reference now;</li>
 * <li>the solution edition (the reference's regions, moved into the chapter's package like a
 *     student's work) passes every visible and hidden test: full marks, and proof that each
 *     exercise can be solved from the chapter's package with the runtime's public API;</li>
 * <li>the untouched stubs earn 0 points;</li>
 * <li>the manifest, the regions and the tests agree: every exercise has a region, visible tests and
 *     hidden points; every test counts towards a known exercise.</li>
 * </ol>
 */
public final class SelfTest {
    /** What the self-test found for one chapter. */
    public record Report(Chapter chapter, List<String> problems, Grade reference, Grade stubs) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "chapter %s: reference %s/%s, stubs %s/%s: %s%n",
                    chapter.id(), num(reference == null ? 0 : reference.score()),
                    num(reference == null ? 0 : reference.maxScore()),
                    num(stubs == null ? 0 : stubs.score()), num(stubs == null ? 0 : stubs.maxScore()),
                    ok() ? "ok" : problems.size() + " problem(s)"));
            problems.forEach(p -> b.append("  - ").append(p.replace("\n", "\n    ")).append('\n'));
            return b.toString();
        }

        private static String num(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
        }
    }

    private SelfTest() {}

    public static Report run(Chapter ch, Limits limits, Path work) {
        List<String> problems = new ArrayList<>();
        StubGenerator gen = new StubGenerator(ch);
        Map<Path, String> stubs;
        Map<Path, String> solution;
        try {
            stubs = gen.generate(StubGenerator.Edition.STUBS);
            solution = gen.generate(StubGenerator.Edition.SOLUTION);
        } catch (RuntimeException e) {
            problems.add("cannot generate the stubs: " + e.getMessage());
            return new Report(ch, problems, null, null);
        }
        stubs.forEach((rel, text) -> {
            Path f = ch.mainSources().resolve(rel);
            if (!Files.isRegularFile(f) || !Grader.read(f).equals(text)) {
                problems.add(ch.mainSources().relativize(f) + " is stale or missing: run ./workbook stubs");
            }
        });

        CompletableFuture<Grade> ref = CompletableFuture.supplyAsync(() -> Grader.grade(
                Grader.Request.of(ch, Path.of("reference"), Grader.Suite.ALL, limits, work.resolve("reference"))
                        .withSources(solution)));
        CompletableFuture<Grade> stub = CompletableFuture.supplyAsync(() -> Grader.grade(
                Grader.Request.of(ch, Path.of("stubs"), Grader.Suite.ALL, limits, work.resolve("stubs"))
                        .withSources(stubs)));
        Grade r = ref.join();
        Grade s = stub.join();

        if (r.problem() != null) {
            problems.add("the reference (solution edition) could not be graded: " + r.problem());
        }
        for (TestResult t : r.results()) {
            if (!t.passed()) {
                problems.add("the reference fails " + (t.visible() ? "visible" : "hidden") + " test "
                        + t.shortName() + ": " + t.status().label() + ": " + t.message()
                        + (t.detail().isBlank() ? "" : "\n" + t.detail()));
            }
        }
        if (r.problem() == null && r.maxScore() <= 0) {
            problems.add("the tests carry no points (@Points)");
        }
        if (s.problem() != null) {
            problems.add("the stubs could not be graded: " + s.problem());
        }
        for (TestResult t : s.results()) {
            if (t.passed() && t.maxPoints() > 0) {
                problems.add("the untouched stubs pass " + t.shortName() + " (" + t.maxPoints()
                        + " points): a test that a stub passes teaches nothing");
            }
        }
        consistency(ch, r, problems);
        return new Report(ch, problems, r, s);
    }

    private static void consistency(Chapter ch, Grade r, List<String> problems) {
        Set<String> manifest = ch.exercises().stream().map(Chapter.ExerciseInfo::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> regions = new TreeSet<>();
        for (Path src : ch.stubSources()) {
            Region.find(ch.root().resolve(src)).forEach(x -> regions.add(x.id()));
        }
        for (String id : regions) {
            if (ch.exerciseOfRegion(id) == null) {
                problems.add("region " + id + " belongs to no exercise in " + Chapter.MANIFEST
                        + " (list it under exercise.ID.regions)");
            }
        }
        for (String id : manifest) {
            for (String region : ch.exercise(id).regions()) {
                if (!regions.contains(region)) {
                    problems.add("exercise " + id + ": no // SOLUTION " + region + " region in the stubbed sources");
                }
            }
            if (r.problem() != null) {
                continue;
            }
            boolean visible = r.results().stream().anyMatch(t -> t.visible() && t.exercise().equals(id));
            double hidden = r.results().stream().filter(t -> !t.visible() && t.exercise().equals(id))
                    .mapToDouble(TestResult::maxPoints).sum();
            if (!visible) {
                problems.add("exercise " + id + " has no visible test (@Exercise(\"" + id + "\"))");
            }
            if (hidden <= 0 && Files.isDirectory(ch.hiddenTests())) {
                problems.add("exercise " + id + " has no hidden test with points");
            }
            if (ch.exercise(id).hints().isEmpty()) {
                problems.add("exercise " + id + " has no hints (exercise." + id + ".hint.1 = ...)");
            }
        }
        for (TestResult t : r.results()) {
            if (!t.exercise().isEmpty() && !manifest.contains(t.exercise())) {
                problems.add(t.shortName() + " counts towards unknown exercise '" + t.exercise() + "'");
            }
            if (t.exercise().isEmpty() && t.maxPoints() > 0) {
                problems.add(t.shortName() + " has points but no exercise (@Exercise)");
            }
        }
    }
}
