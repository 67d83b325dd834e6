package dev.gort.grader.mutant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.engine.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CI's mutation gate for the workbook's real chapters: a fixed sample of each exercise's operator
 * mutants must be killed at least as often as the floor in the chapter's manifest. The same as
 * {@code ./workbook selftest --mutants --sample 10}; {@code --sample 0} grades them all (an hour).
 *
 * <p>The sample is the same on every run (the first mutants by the hash in their keys, see
 * {@link MutationScore#choose}, drawn from those not listed as equivalent), and the tests that kill
 * the sampled mutants run on the simulated OS or call a part directly (checked when the floors were
 * measured), so the gate gives the same verdict each time. The floors are the rates measured on
 * this sample: a change to a solution region re-keys its mutants and so changes the sample.
 * {@code ./workbook test -Dgort.mutants.sample=N} grades N per exercise (0: all, about an hour).
 */
class ChaptersMutationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Mutants per exercise that CI grades (80 for chapters 01 and 03). */
    static final int CI_SAMPLE = 10;
    /** The system property that changes the sample. */
    static final String SAMPLE_PROPERTY = "gort.mutants.sample";

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // each graded mutant is bounded by the grader's limits
    void everyExerciseKillsItsSampleOfMutantsAboveItsFloor() {
        int sample = Integer.getInteger(SAMPLE_PROPERTY, CI_SAMPLE);
        Chapters all = new Chapters(ROOT);
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        int floors = 0;
        for (Chapter ch : all.all()) {
            floors += (int) ch.exercises().stream().filter(e -> e.mutantFloor() >= 0).count();
            if (ch.exercises().stream().noneMatch(e -> e.mutantFloor() >= 0)) {
                continue; // a chapter without floors is not measured in CI
            }
            MutationScore.Report r = MutationScore.run(ch, Limits.defaults().withWallClock(Duration.ofSeconds(120)),
                    ROOT.resolve("grader/target/mutants").resolve(ch.id()), sample, 2,
                    new PrintWriter(Writer.nullWriter()));
            report.append(r.summary());
            ok &= r.ok();
        }
        System.out.print(report); // the kill rates in the build log, passing or not
        assertThat("exercises with a mutation floor", floors, greaterThan(0));
        assertThat(report.toString(), ok, is(true));
    }
}
