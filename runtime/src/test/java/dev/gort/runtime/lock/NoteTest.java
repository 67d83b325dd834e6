package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Switch;
import org.junit.jupiter.api.Test;

/** Notes on real threads: one-shot, no lost wakeup, timeouts, and notetsleepg giving up its P. */
class NoteTest {

    @Test
    void aWakeupBeforeTheSleepIsNotLost() {
        boolean[] slept = new boolean[1];
        Goroutines.run(1, () -> Switch.systemstack(() -> {
            Note n = new Note();
            Note.notewakeup(n);
            Note.notesleep(n); // returns at once: the key is already 1
            slept[0] = true;
        }));
        assertThat(slept[0], is(true));
    }

    @Test
    void notetsleepGivesUpAfterItsTimeout() {
        boolean[] woken = {true, false};
        Goroutines.run(1, () -> Switch.systemstack(() -> {
            Note n = new Note();
            woken[0] = Note.notetsleep(n, 1_000_000);
            Note.notewakeup(n);
            woken[1] = Note.notetsleep(n, 1_000_000);
        }));
        assertThat("nobody woke it: false after 1 ms", woken[0], is(false));
        assertThat("woken: true at once", woken[1], is(true));
    }

    @Test
    void noteclearMakesANoteReusable() {
        boolean[] woken = new boolean[2];
        Goroutines.run(1, () -> Switch.systemstack(() -> {
            Note n = new Note();
            Note.notewakeup(n);
            woken[0] = Note.notetsleep(n, 0);
            Note.noteclear(n);
            woken[1] = Note.notetsleep(n, 0);
        }));
        assertThat(woken[0], is(true));
        assertThat(woken[1], is(false));
    }

    @Test
    void notetsleepgHandsThePOffSoOthersRunAtGomaxprocsOne() {
        // G1 sleeps on a note from a user goroutine; main, the only other goroutine, can run only
        // if G1's P was handed off, and it is main that wakes G1.
        Gort rt = Goroutines.boot(1);
        boolean[] woken = new boolean[1];
        Goroutines.run(rt, () -> {
            Note n = new Note();
            Sema started = new Sema();
            Sema done = new Sema();
            Gort.go(() -> {
                Sema.semrelease(started);
                woken[0] = Note.notetsleepg(n, -1);
                Sema.semrelease(done);
            });
            Sema.semacquire(started);
            Note.notewakeup(n);
            Sema.semacquire(done);
        });
        assertThat(woken[0], is(true));
        assertThat(rt.stats().handoffs(), greaterThanOrEqualTo(1L));
    }

    @Test
    void notetsleepgOnTheSystemStackThrows() {
        var e = Goroutines.death(1, () -> Switch.systemstack(() -> Note.notetsleepg(new Note(), 0)));
        assertThat(e.getMessage(), equalTo("notetsleepg on g0"));
    }
}
