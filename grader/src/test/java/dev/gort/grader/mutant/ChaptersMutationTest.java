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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * CI's mutation check for the workbook's real chapters: a fixed sample of each exercise's operator
 * mutants must be killed at least as often as the floor in the chapter's manifest. The same as
 * {@code ./workbook selftest --mutants --sample 5}; {@code --sample 0} grades them all (an hour).
 *
 * <p>It grades 40 mutants (a few minutes on two quiet cores), so it runs when asked:
 * {@code ./workbook test -Dgort.mutants=ci}.
 */
class ChaptersMutationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Mutants per exercise that CI grades: a few minutes on 2 cores for two chapters. */
    static final int CI_SAMPLE = 5;

    @Test
    @EnabledIfSystemProperty(named = "gort.mutants", matches = "ci")
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // 40 graded mutants, each bounded by the grader's limits
    void everyExerciseKillsItsSampleOfMutantsAboveItsFloor() {
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
                    ROOT.resolve("grader/target/mutants").resolve(ch.id()), CI_SAMPLE, 2,
                    new PrintWriter(Writer.nullWriter()));
            report.append(r.summary());
            ok &= r.ok();
        }
        assertThat("exercises with a mutation floor", floors, greaterThan(0));
        assertThat(report.toString(), ok, is(true));
    }
}
