package dev.gort.grader.mutant;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.StubGenerator;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.engine.Limits;
import dev.gort.grader.engine.Status;
import dev.gort.grader.engine.TestResult;
import dev.gort.grader.engine.TestRunner;

/**
 * How many plausible mistakes a chapter's tests catch ({@code ./workbook selftest --mutants}).
 *
 * <p>Each {@link Mutator} mutant of an exercise's regions is graded like a submission (the solution
 * edition with that one change) on that exercise's visible and hidden tests. It is killed when a
 * test fails, survives when all pass, and does not count when it does not compile or when the
 * chapter's manifest lists it as equivalent ({@code mutant.equivalent.KEY = why}). The kill rate of
 * an exercise is killed / (killed + survived); the manifest's {@code exercise.ID.mutants.floor}
 * is the least it may be.
 *
 * <p>A full run grades hundreds of mutants (a few seconds each); a sample takes the same
 * {@code n} mutants of each exercise every time, which is what CI runs.
 */
public final class MutationScore {
    /** What grading a mutant showed. */
    public enum Verdict { KILLED, SURVIVED, NOT_COMPILED, EQUIVALENT, ERROR }

    /** One graded mutant; {@code by} says which test killed it and how, or what went wrong. */
    public record Outcome(Mutant mutant, Verdict verdict, String by) {}

    /** One exercise's mutants. */
    public record ExerciseScore(String exercise, int floor, int generated, List<Outcome> outcomes) {
        public long count(Verdict v) {
            return outcomes.stream().filter(o -> o.verdict() == v).count();
        }

        /** Killed / (killed + survived), in percent; 100 when no mutant counts. */
        public double rate() {
            long k = count(Verdict.KILLED);
            long n = k + count(Verdict.SURVIVED);
            return n == 0 ? 100 : 100.0 * k / n;
        }

        public boolean belowFloor() {
            return floor >= 0 && rate() < floor;
        }
    }

    /** The scores of one chapter. */
    public record Report(Chapter chapter, int sample, List<ExerciseScore> exercises) {
        public boolean ok() {
            return exercises.stream().noneMatch(e -> e.belowFloor() || e.count(Verdict.ERROR) > 0);
        }

        public String summary() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "chapter %s: mutants (%s)%n", chapter.id(),
                    sample > 0 ? "a sample of " + sample + " per exercise; --sample 0 grades all" : "all"));
            for (ExerciseScore e : exercises) {
                b.append(String.format(Locale.ROOT,
                        "  %-14s %3d/%-3d killed %5.1f %%  floor %s  (%d generated, %d graded,"
                                + " %d did not compile, %d equivalent)%s%n",
                        e.exercise(), e.count(Verdict.KILLED),
                        e.count(Verdict.KILLED) + e.count(Verdict.SURVIVED), e.rate(),
                        e.floor() < 0 ? "none" : e.floor() + " %", e.generated(), e.outcomes().size(),
                        e.count(Verdict.NOT_COMPILED), e.count(Verdict.EQUIVALENT),
                        e.belowFloor() ? "  BELOW THE FLOOR" : ""));
                for (Outcome o : e.outcomes()) {
                    if (o.verdict() == Verdict.SURVIVED || o.verdict() == Verdict.ERROR) {
                        b.append("      ").append(o.verdict() == Verdict.SURVIVED ? "survived " : "error ")
                                .append(o.mutant().key()).append("  ").append(o.mutant().describe())
                                .append(o.by().isEmpty() ? "" : "\n        " + o.by()).append('\n');
                    }
                }
            }
            if (exercises.stream().anyMatch(ExerciseScore::belowFloor)) {
                b.append("  A surviving mutant is a mistake no test catches: add a test that fails for it,\n"
                        + "  or, if no test can (the change does not alter behaviour), list it in "
                        + Chapter.MANIFEST + "\n  as " + Chapter.EQUIVALENT_MUTANT + "KEY = the reason.\n");
            }
            return b.toString();
        }
    }

    private MutationScore() {}

    /** Every mutant of {@code ch}'s regions, from the reference sources on disk. */
    public static List<Mutant> mutants(Chapter ch) {
        StubGenerator gen = new StubGenerator(ch);
        Map<Path, List<String>> reference = new LinkedHashMap<>();
        ch.stubSources().forEach(rel -> reference.put(rel, gen.referenceLines(rel)));
        return Mutator.mutants(ch, reference);
    }

    /**
     * The student files of the mutant {@code key} (as a submission: the solution edition with that
     * one change), or null if {@code ch} has no such mutant.
     */
    public static Map<Path, String> edition(Chapter ch, String key) {
        StubGenerator gen = new StubGenerator(ch);
        for (Mutant m : mutants(ch)) {
            if (m.key().equals(key)) {
                return gen.generate(StubGenerator.Edition.SOLUTION,
                        Map.of(m.source(), m.apply(gen.referenceLines(m.source()))));
            }
        }
        return null;
    }

    /**
     * Grades the mutants of {@code ch} ({@code sample} per exercise, or all when 0), {@code jobs} at
     * a time, printing a line per mutant to {@code progress}.
     */
    public static Report run(Chapter ch, Limits limits, Path work, int sample, int jobs, PrintWriter progress) {
        return run(ch, limits, work, sample, jobs, m -> true, progress);
    }

    /**
     * The same for only the mutants {@code only} accepts (an exercise, or a few keys): the sample is
     * taken from those.
     */
    public static Report run(Chapter ch, Limits limits, Path work, int sample, int jobs, Predicate<Mutant> only,
                             PrintWriter progress) {
        StubGenerator gen = new StubGenerator(ch);
        Map<Path, List<String>> reference = new LinkedHashMap<>();
        ch.stubSources().forEach(rel -> reference.put(rel, gen.referenceLines(rel)));
        Map<String, List<Mutant>> byExercise = new LinkedHashMap<>();
        ch.exercises().forEach(e -> byExercise.put(e.id(), new ArrayList<>()));
        for (Mutant m : Mutator.mutants(ch, reference)) {
            byExercise.computeIfAbsent(m.exercise(), k -> new ArrayList<>()).add(m);
        }

        Map<String, List<Future<Outcome>>> pending = new LinkedHashMap<>();
        Map<String, Integer> generated = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        int total = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Runnable> order = new ArrayList<>();
            for (var entry : byExercise.entrySet()) {
                List<Mutant> wanted = entry.getValue().stream().filter(only).toList();
                if (wanted.isEmpty() && !entry.getValue().isEmpty()) {
                    continue; // none of this exercise's mutants asked for
                }
                // A sample is drawn from the mutants that count, so that it grades as many as it says.
                List<Mutant> chosen = sample > 0
                        ? choose(wanted.stream().filter(m -> !ch.equivalentMutants().containsKey(m.key())).toList(),
                                sample)
                        : wanted;
                generated.put(entry.getKey(), entry.getValue().size());
                List<Future<Outcome>> fs = new ArrayList<>();
                for (Mutant m : chosen) {
                    String why = ch.equivalentMutants().get(m.key());
                    if (why != null) {
                        fs.add(CompletableFuture.completedFuture(
                                new Outcome(m, Verdict.EQUIVALENT, why)));
                        continue;
                    }
                    int index = total++;
                    var task = new FutureTask<>(() -> {
                        Outcome o = grade(ch, gen, reference, m, limits, work.resolve("m" + index));
                        progress.printf(Locale.ROOT, "  [%d] %-8s %s %s%s%n", done.incrementAndGet(),
                                o.verdict().name().toLowerCase(Locale.ROOT), m.key(), m.describe(),
                                o.by().isEmpty() ? "" : "\n        by " + o.by());
                        progress.flush();
                        return o;
                    });
                    fs.add(task);
                    order.add(task);
                }
                pending.put(entry.getKey(), fs);
            }
            progress.printf(Locale.ROOT, "chapter %s: grading %d mutants, %d at a time%n", ch.id(), total,
                    Math.max(1, jobs));
            progress.flush();
            order.forEach(pool::execute);
            List<ExerciseScore> scores = new ArrayList<>();
            for (var entry : pending.entrySet()) {
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : entry.getValue()) {
                    outcomes.add(f.get());
                }
                Chapter.ExerciseInfo info = ch.exercise(entry.getKey());
                scores.add(new ExerciseScore(entry.getKey(), info == null ? -1 : info.mutantFloor(),
                        generated.get(entry.getKey()), outcomes));
            }
            return new Report(ch, sample, scores);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading mutants", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grading a mutant failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code n} of the mutants, the same every run, or all when n is 0: the first by the hash part
     * of their keys, which spreads a sample over the regions and operators.
     */
    static List<Mutant> choose(List<Mutant> all, int n) {
        if (n <= 0 || n >= all.size()) {
            return all;
        }
        return all.stream().sorted(Comparator.comparing((Mutant m) -> m.key().substring(m.key().lastIndexOf('-')))
                .thenComparing(Mutant::key)).limit(n).toList();
    }

    /** Grades one mutant on its exercise's tests. */
    private static Outcome grade(Chapter ch, StubGenerator gen, Map<Path, List<String>> reference, Mutant m,
                                 Limits limits, Path work) {
        Map<Path, String> edition;
        try {
            edition = gen.generate(StubGenerator.Edition.SOLUTION,
                    Map.of(m.source(), m.apply(reference.get(m.source()))));
        } catch (RuntimeException e) {
            return new Outcome(m, Verdict.ERROR, "cannot make its edition: " + e.getMessage());
        }
        Grader.Grade g = Grader.grade(Grader.Request.of(ch, Path.of("mutant-" + m.key()), Grader.Suite.ALL,
                limits.withWallClock(Duration.ofSeconds(Math.min(300, limits.wallClock().toSeconds()))), work)
                .withSources(edition).withFilter(TestRunner.EXERCISE_FILTER + m.exercise(), Map.of()));
        if (g.results().stream().anyMatch(t -> t.status() == Status.COMPILE_ERROR)
                || (g.problem() != null && g.problem().contains("does not compile"))) {
            return new Outcome(m, Verdict.NOT_COMPILED, "");
        }
        if (g.results().isEmpty()) {
            return new Outcome(m, Verdict.ERROR, g.problem() != null ? g.problem()
                    : "no test of exercise " + m.exercise() + " ran");
        }
        for (TestResult t : g.results()) {
            if (!t.passed()) {
                String first = t.message().lines().findFirst().orElse("");
                return new Outcome(m, Verdict.KILLED, t.shortName() + " (" + t.status().label() + "): "
                        + (first.length() > 160 ? first.substring(0, 160) + "..." : first));
            }
        }
        return new Outcome(m, Verdict.SURVIVED, "");
    }
}
