package dev.gort.solutions.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/** Exercise note: one-shot sleep and wakeup, timeouts in virtual time, and Go's throw strings. */
@Exercise("note")
class NoteHiddenTest {
    private static final String EXERCISE = "note";

    @Test
    @Points(3)
    void aWakeupRacingTheSleepIsNeverLost() {
        Seeds.sweep(1, 15, seed -> {
            boolean[] woke = new boolean[1];
            Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
                Note n = new Note();
                Sema done = new Sema();
                Gort.go(() -> {
                    Switch.systemstack(() -> Note.notesleep(n));
                    woke[0] = true;
                    Sema.semrelease(done);
                });
                Gort.go(() -> Note.notewakeup(n));
                Sema.semacquire(done);
            });
            assertThat("the sleeper woke: futexsleep(key, 0) sleeps only while the key is still 0, so a"
                    + " wakeup between the check and the sleep is not lost", woke[0], is(true));
        });
    }

    @Test
    @Points(1)
    void aWakeupBeforeTheSleepIsKeptAndNoteclearResetsIt() {
        boolean[] woken = new boolean[2];
        Harness.run(Harness.boot(EXERCISE, 1), () -> Switch.systemstack(() -> {
            Note n = new Note();
            Note.notewakeup(n);
            Note.notesleep(n); // returns at once
            woken[0] = Note.notetsleep(n, 0);
            Note.noteclear(n);
            woken[1] = Note.notetsleep(n, 0);
        }));
        assertThat("a note woken before the sleep stays set: notetsleep returns true", woken[0], is(true));
        assertThat("noteclear sets the key back to 0: the note is not set any more", woken[1], is(false));
    }

    @Test
    @Points(1)
    void aDoubleWakeupThrowsGosMessage() {
        FatalError e = Harness.death(EXERCISE, () -> {
            Note n = new Note();
            Note.notewakeup(n);
            Note.notewakeup(n);
        });
        assertThat("a note is one-shot: the second notewakeup finds the key already 1", e.getMessage(),
                equalTo("notewakeup - double wakeup"));
    }

    @Test
    @Points(1)
    void notesleepOffG0ThrowsGosMessage() {
        FatalError e = Harness.death(EXERCISE, () -> Note.notesleep(new Note()));
        assertThat("notesleep blocks the whole M: a user G must use notetsleepg (or run it on g0 via"
                + " systemstack)", e.getMessage(), equalTo("notesleep not on g0"));
    }

    @Test
    @Points(1)
    void notetsleepGivesUpAtItsTimeoutInVirtualTime() {
        Seeds.sweep(1, 3, seed -> {
            Gort rt = Harness.sim(EXERCISE, 1, seed);
            boolean[] woken = {true};
            long[] slept = new long[1];
            Harness.run(rt, () -> Switch.systemstack(() -> {
                long t0 = rt.os.nanotime();
                woken[0] = Note.notetsleep(new Note(), 1_000_000);
                slept[0] = rt.os.nanotime() - t0;
            }));
            assertThat("nobody woke the note: notetsleep returns false at its deadline", woken[0], is(false));
            assertThat("after at least the 1 ms timeout (virtual time): futexsleep with the time left"
                    + " until the deadline, re-checked in a loop", slept[0], greaterThanOrEqualTo(1_000_000L));
        });
    }

    @Test
    @Points(2)
    void notetsleepgHandsThePOffSoOthersRunAtGomaxprocsOne() {
        Seeds.sweep(1, 8, seed -> {
            Gort rt = Harness.sim(EXERCISE, 1, seed);
            boolean[] woken = new boolean[1];
            Harness.run(rt, () -> {
                Note n = new Note();
                Sema started = new Sema();
                Sema done = new Sema();
                Gort.go(() -> {
                    Sema.semrelease(started);
                    woken[0] = Note.notetsleepg(n, -1);
                    Sema.semrelease(done);
                });
                Sema.semacquire(started);
                Note.notewakeup(n); // main can run only if the sleeper's P was handed off
                Sema.semacquire(done);
            });
            assertThat("the sleeping user G was woken by main", woken[0], is(true));
            assertThat("notetsleepg wraps the sleep in entersyscallblock/exitsyscall, handing the P off",
                    rt.stats().handoffs(), greaterThanOrEqualTo(1L));
        });
    }
}
