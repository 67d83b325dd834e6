package dev.gort.solutions.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SimOs;
import org.junit.jupiter.api.Test;

/** Exercise note: one-shot sleep and wakeup, timeouts in virtual time, and Go's throw strings. */
@Exercise("note")
class NoteHiddenTest {
    private static final String EXERCISE = "note";

    @Test
    @Points(2)
    void everySleepReChecksItsKeyAfterASpuriousWakeup() {
        Seeds.sweep(1, 8, seed -> {
            int[] keyAfterSleep = {-1};
            boolean[] timed = {true};
            long[] slept = new long[1];
            Gort rt = Harness.simSpurious(EXERCISE, 2, seed, 50);
            Harness.run(rt, () -> {
                Note n = new Note();
                Sema done = new Sema();
                Gort.go(() -> {
                    Switch.systemstack(() -> Note.notesleep(n));
                    keyAfterSleep[0] = n.key.load();
                    Sema.semrelease(done);
                });
                Gort.go(() -> {
                    for (int i = 0; i < 20; i++) {
                        Gort.gosched();
                    }
                    Note.notewakeup(n);
                });
                Sema.semacquire(done);
                Switch.systemstack(() -> {
                    rt.os.usleep(10_000); // 10 ms in: a deadline far from time 0
                    long t0 = rt.os.nanotime();
                    timed[0] = Note.notetsleep(new Note(), 1_000_000);
                    slept[0] = rt.os.nanotime() - t0;
                });
            });
            assertThat("the key when notesleep returned, with half the futexsleeps returning early (as"
                    + " a real futex may): notesleep must loop while the key is 0", keyAfterSleep[0],
                    equalTo(1));
            assertThat("notetsleep(1 ms) of a note nobody wakes, with spurious wake-ups: false", timed[0],
                    is(false));
            assertThat("and only at its deadline (virtual ns): re-check the key and sleep the time left",
                    slept[0], greaterThanOrEqualTo(1_000_000L));
            assertThat("and not much later: after an early return sleep deadline - now, not more",
                    slept[0], lessThanOrEqualTo(1_200_000L));
        });
    }

    /** How a test's sleeper waits for its note: each entry point, untimed and timed. */
    private enum Sleep {
        NOTESLEEP("notesleep on g0"),
        NOTETSLEEP_FOREVER("notetsleep(n, -1) on g0"),
        NOTETSLEEP_TIMED("notetsleep(n, 1 s) on g0"),
        NOTETSLEEPG_FOREVER("notetsleepg(n, -1) on a user goroutine"),
        NOTETSLEEPG_TIMED("notetsleepg(n, 1 s) on a user goroutine");

        final String how;

        Sleep(String how) {
            this.how = how;
        }

        /** Sleeps on n this way; returns what the call returned (notesleep: true). */
        boolean on(Note n) {
            boolean[] woken = new boolean[1];
            switch (this) {
                case NOTESLEEP -> Switch.systemstack(() -> {
                    Note.notesleep(n);
                    woken[0] = true;
                });
                case NOTETSLEEP_FOREVER -> Switch.systemstack(() -> woken[0] = Note.notetsleep(n, -1));
                case NOTETSLEEP_TIMED -> Switch.systemstack(() -> woken[0] = Note.notetsleep(n, ONE_SECOND));
                case NOTETSLEEPG_FOREVER -> woken[0] = Note.notetsleepg(n, -1);
                case NOTETSLEEPG_TIMED -> woken[0] = Note.notetsleepg(n, ONE_SECOND);
            }
            return woken[0];
        }
    }

    private static final long ONE_SECOND = 1_000_000_000L;

    /** What a sleeper on another M did and showed while main held off the wakeup. */
    private record Slept(boolean wentToSleep, boolean blockedWhileAsleep, boolean result,
                         boolean wokenBeforeReturn, boolean blockedAfter, long futexsleeps, long virtualNs) {}

    /**
     * A goroutine on another M sleeps on a note; main waits until that M is asleep in futexsleep,
     * reads its m.blocked, then wakes the note.
     */
    private static Slept sleepUntilWoken(Sleep how, long seed) {
        Slept[] out = new Slept[1];
        Gort rt = Harness.sim(EXERCISE, 2, seed);
        Harness.run(rt, () -> {
            Note n = new Note();
            Uint32 wakeupSent = new Uint32();
            Uint32 returned = new Uint32();
            M[] sleeper = new M[1];
            long[] sleepsBefore = new long[1];
            boolean[] result = new boolean[3];
            long[] measured = new long[2];
            Sema done = new Sema();
            Gort.go(() -> {
                M mp = Gort.getg().m; // notetsleepg may return on another M: watch this one
                sleepsBefore[0] = Harness.calls(mp, SimOs.Call.FUTEXSLEEP);
                sleeper[0] = mp;
                long t0 = rt.os.nanotime();
                result[0] = how.on(n);
                measured[1] = rt.os.nanotime() - t0;
                returned.store(1);
                result[1] = wakeupSent.load() == 1;
                result[2] = Gort.getg().m.blocked;
                Sema.semrelease(done);
            });
            boolean asleep = false;
            for (int i = 0; i < 10_000 && !asleep; i++) {
                Gort.current().os.osyield();
                asleep = returned.load() == 0 && Harness.asleepSince(sleeper[0], sleepsBefore[0]);
            }
            boolean blocked = asleep && sleeper[0].blocked;
            for (int i = 0; i < 200; i++) {
                Gort.current().os.osyield(); // and a while longer: it must stay asleep, not poll
            }
            measured[0] = sleeper[0] == null ? 0
                    : Harness.calls(sleeper[0], SimOs.Call.FUTEXSLEEP) - sleepsBefore[0];
            wakeupSent.store(1);
            Note.notewakeup(n);
            Sema.semacquire(done);
            out[0] = new Slept(asleep, blocked, result[0], result[1], result[2], measured[0], measured[1]);
        });
        return out[0];
    }

    @Test
    @Points(2)
    void everyWayToSleepBlocksInTheKernelUntilTheWakeupWithMBlockedSet() {
        for (Sleep how : Sleep.values()) {
            Seeds.sweep(1, 3, seed -> {
                Slept s = sleepUntilWoken(how, seed);
                assertThat(how.how + ", the note not yet woken: the M must go to sleep in futexsleep"
                        + " (with val 0 and, untimed, no timeout), not return or poll", s.wentToSleep(), is(true));
                assertThat(how.how + ": m.blocked while the M is asleep in futexsleep (set it just"
                        + " before the futexsleep, clear it just after)", s.blockedWhileAsleep(), is(true));
                assertThat(how.how + ": it returned only after the notewakeup (loop while the key is 0)",
                        s.wokenBeforeReturn(), is(true));
                assertThat(how.how + ": what it returned for a woken note", s.result(), is(true));
                assertThat(how.how + ": m.blocked of the goroutine's M once it returned", s.blockedAfter(),
                        is(false));
                assertThat(how.how + ": futexsleeps of the M before the wakeup came: it sleeps once (no"
                        + " spurious returns in this run) and stays asleep", s.futexsleeps(), equalTo(1L));
                assertThat(how.how + ": virtual ns until it returned: at the wakeup, well before any"
                        + " timeout of 1 s (a woken note ends the wait at once)", s.virtualNs(),
                        lessThanOrEqualTo(ONE_SECOND / 2));
            });
        }
    }

    @Test
    @Points(1)
    void aTimedSleepWokenHalfwayWithoutTheNoteSleepsOnlyTheTimeLeft() {
        // Half-way through a 1 ms notetsleep, main wakes the futex without setting the note (a
        // wake-up meant for someone else, which a real futex may deliver): the sleeper must go back
        // to sleep for what is left until its deadline, not for the whole timeout again.
        Seeds.sweep(1, 3, seed -> {
            Gort rt = Harness.sim(EXERCISE, 2, seed);
            boolean[] woken = {true};
            long[] slept = new long[1];
            Harness.run(rt, () -> {
                Note n = new Note();
                M[] sleeper = new M[1];
                long[] sleepsBefore = new long[1];
                Sema done = new Sema();
                Gort.go(() -> {
                    M mp = Gort.getg().m;
                    sleepsBefore[0] = Harness.calls(mp, SimOs.Call.FUTEXSLEEP);
                    sleeper[0] = mp;
                    Switch.systemstack(() -> {
                        long t0 = rt.os.nanotime();
                        woken[0] = Note.notetsleep(n, 1_000_000);
                        slept[0] = rt.os.nanotime() - t0;
                    });
                    Sema.semrelease(done);
                });
                Harness.osyieldUntil(() -> Harness.asleepSince(sleeper[0], sleepsBefore[0]), 10_000);
                rt.os.usleep(500); // half of its timeout
                rt.os.futexwakeup(n.key, 1); // the key stays 0
                Sema.semacquire(done);
            });
            assertThat("notetsleep(1 ms) of a note nobody woke, its futex woken half-way: false", woken[0],
                    is(false));
            assertThat("virtual ns it slept: at least its 1 ms (an early return from futexsleep is not the"
                    + " end: re-check the key and sleep again)", slept[0], greaterThanOrEqualTo(1_000_000L));
            assertThat("virtual ns it slept: about 1 ms, not 1.5 (after an early return, sleep"
                    + " deadline - now, the time left, not the whole timeout again)", slept[0],
                    lessThanOrEqualTo(1_200_000L));
        });
    }

    @Test
    @Points(1)
    void notetsleepOnAUserGoroutineNeedsPreemptionOff() {
        FatalError e = Harness.death(EXERCISE, () -> Note.notetsleep(new Note(), 0));
        assertThat("notetsleep on a user goroutine with preemption allowed (m.preemptoff == null): it would"
                + " block the M under a G that may be rescheduled", e.getMessage(),
                equalTo("notetsleep not on g0"));
        boolean[] woken = {true};
        Harness.run(Harness.boot(EXERCISE, 1), () -> {
            M mp = Gort.getg().m;
            mp.preemptoff = "test";
            woken[0] = Note.notetsleep(new Note(), 0);
            mp.preemptoff = null;
        });
        assertThat("notetsleep(n, 0) on a user goroutine with m.preemptoff set is allowed, and returns"
                + " false for a note nobody woke", woken[0], is(false));
    }

    @Test
    @Points(1)
    void aTimedSleepSleepsInTheKernelAndAWokenNoteDoesNotSleep() {
        long[] unwoken = new long[SimOs.Call.values().length];
        long[] woken = new long[SimOs.Call.values().length];
        boolean[] result = new boolean[2];
        boolean[] stillBlocked = {true};
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> Switch.systemstack(() -> {
            long[] before = Harness.osCalls();
            result[0] = Note.notetsleep(new Note(), 1_000_000);
            long[] after = Harness.osCalls();
            stillBlocked[0] = Switch.getg().m.blocked;
            Note n = new Note();
            Note.notewakeup(n);
            long[] before2 = Harness.osCalls();
            result[1] = Note.notetsleep(n, 1_000_000);
            long[] after2 = Harness.osCalls();
            for (SimOs.Call c : SimOs.Call.values()) {
                unwoken[c.ordinal()] = Harness.delta(before, after, c);
                woken[c.ordinal()] = Harness.delta(before2, after2, c);
            }
        }));
        assertThat("notetsleep(1 ms) of an unwoken note", result[0], is(false));
        assertThat("futexsleeps while waiting for it: a timed note sleep blocks the M in the kernel"
                + " (futexsleep with a timeout), it does not poll the clock",
                unwoken[SimOs.Call.FUTEXSLEEP.ordinal()], greaterThanOrEqualTo(1L));
        assertThat("m.blocked after the timed sleep: true only while the M is asleep in futexsleep (the"
                + " simulator's report reads it)", stillBlocked[0], is(false));
        assertThat("notetsleep of a note already woken", result[1], is(true));
        assertThat("futexsleeps for a note already woken: it returns at once",
                woken[SimOs.Call.FUTEXSLEEP.ordinal()], equalTo(0L));
    }

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
        assertThat("what the runtime printed as it died: Go prints the key it found first", e.output(),
                containsString("notewakeup - double wakeup (1)"));
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
