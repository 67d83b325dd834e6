package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CI's proof for the workbook's real chapters (chapters/, solutions/ at the repository root): the
 * committed stubs are fresh, the reference scores 100 % on visible and hidden tests, the untouched
 * stubs score 0, and manifest, regions and tests agree. Same as {@code ./workbook selftest}.
 */
class ChaptersSelfTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // two gradings per chapter: 60 s is short on a busy machine
    void everyChapterIsGradable() {
        Chapters all = new Chapters(ROOT);
        assertThat("chapters under " + ROOT, all.all().size(), greaterThan(0));
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (Chapter ch : all.all()) {
            SelfTest.Report r = SelfTest.run(ch, Limits.defaults().withWallClock(Duration.ofSeconds(120)),
                    ROOT.resolve("grader/target/selftest").resolve(ch.id()));
            report.append(r.summary());
            ok &= r.ok();
        }
        assertThat(report.toString(), ok, is(true));
    }
}
