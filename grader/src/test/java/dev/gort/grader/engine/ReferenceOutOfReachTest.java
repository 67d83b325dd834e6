package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.gort.grader.Toy;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chapter 01 graded with files that forward to the reference instead of doing the work: the
 * reference GFree called directly, and a run queue taken from {@code Parts.reference()}. Both
 * would earn full marks if the reference were in reach.
 */
class ReferenceOutOfReachTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    @TempDir static Path tmp;
    static Grader.Grade grade;

    @BeforeAll
    static void gradeTheForwarders() {
        Chapter ch = new Chapters(ROOT).resolve("01");
        Path sub = tmp.resolve("forwarder");
        Toy.write(sub.resolve("GFree.java"), """
                package dev.gort.chapters.scheduler;

                import dev.gort.runtime.G;
                import dev.gort.runtime.P;
                import dev.gort.runtime.part.GFreePart;

                public final class GFree implements GFreePart {
                    @Override
                    public void gfput(P pp, G gp) {
                        new dev.gort.runtime.sched.GFree().gfput(pp, gp);
                    }

                    @Override
                    public G gfget(P pp) {
                        return new dev.gort.runtime.sched.GFree().gfget(pp);
                    }

                    @Override
                    public void gfpurge(P pp) {
                        new dev.gort.runtime.sched.GFree().gfpurge(pp);
                    }

                    @Override
                    public int localCount(P pp) {
                        return new dev.gort.runtime.sched.GFree().localCount(pp);
                    }

                    @Override
                    public int globalCount() {
                        return new dev.gort.runtime.sched.GFree().globalCount();
                    }
                }
                """);
        Toy.write(sub.resolve("RunQueue.java"), """
                package dev.gort.chapters.scheduler;

                import dev.gort.runtime.G;
                import dev.gort.runtime.P;
                import dev.gort.runtime.part.Parts;
                import dev.gort.runtime.part.RunQueuePart;

                public final class RunQueue implements RunQueuePart {
                    private final RunQueuePart ref;

                    public RunQueue(P pp) {
                        ref = Parts.reference().newRunQueue(pp);
                    }

                    public void runqput(G gp, boolean next) { ref.runqput(gp, next); }
                    public G runqget() { return ref.runqget(); }
                    public boolean inheritTime() { return ref.inheritTime(); }
                    public int runqgrab(G[] into, int batchHead, boolean stealRunNextG) {
                        return ref.runqgrab(into, batchHead, stealRunNextG);
                    }
                    public G runqsteal(RunQueuePart victim, boolean stealRunNextG) {
                        return ref.runqsteal(victim, stealRunNextG);
                    }
                    public boolean runqempty() { return ref.runqempty(); }
                    public int size() { return ref.size(); }
                }
                """);
        grade = Grader.grade(Grader.Request.of(ch, sub, Grader.Suite.ALL,
                Limits.defaults().withWallClock(Duration.ofSeconds(120)), tmp.resolve("work")));
    }

    static List<TestResult> of(String exercise) {
        return grade.results().stream().filter(t -> t.exercise().equals(exercise)).toList();
    }

    @Test
    void callingAReferencePartScoresZeroAndSaysWhere() {
        assertThat(grade.problem(), is((String) null));
        assertThat(of("gfree"), not(hasSize(0)));
        assertThat(of("gfree").stream().map(TestResult::status).toList(), everyItem(is(Status.REFUSED)));
        assertThat(of("gfree").getFirst().message(), allOf(containsString("exercise gfree scores 0"),
                containsString("GFree.java line 10 (in gfput) uses dev.gort.runtime.sched.GFree"),
                containsString("reserved by this chapter")));
        assertThat(grade.byExercise().get("gfree")[0], is(0.0));
    }

    @Test
    void aFactoryOfReferencePartsIsRefusedToo() {
        assertThat(of("runq").stream().map(TestResult::status).toList(), everyItem(is(Status.REFUSED)));
        assertThat(of("runq").getFirst().message(), containsString(
                "RunQueue.java line 12 uses dev.gort.runtime.part.Parts#reference"));
        assertThat(grade.byExercise().get("runq")[0], is(0.0));
    }
}
