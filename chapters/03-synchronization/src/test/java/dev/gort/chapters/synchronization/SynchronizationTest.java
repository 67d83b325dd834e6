package dev.gort.chapters.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Seeds;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.RWMutex;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03's visible tests: small, fast checks per exercise, run on your parts: one on the real
 * OS, and one over seeds of the simulated OS, whose failure names the seed and how to replay it.
 * {@code ./workbook check 03} runs them; {@code ./workbook grade 03} adds the hidden ones.
 */
class SynchronizationTest {

    @Test
    @Exercise("mutex")
    void aMutexKeepsACounterExact() {
        long[] counter = new long[1];
        Gort.boot(Chapter03.config("mutex", 2)).run(() -> {
            Mutex mu = new Mutex();
            Sema done = new Sema();
            for (int w = 0; w < 4; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Mutex.lock(mu);
                        counter[0]++;
                        Mutex.unlock(mu);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int w = 0; w < 4; w++) {
                Sema.semacquire(done);
            }
        });
        assertThat("4 goroutines x 2000 increments under the mutex: a lost update means two held it at once",
                counter[0], equalTo(8000L));
    }

    @Test
    @Exercise("note")
    void aWakeupBeforeTheSleepIsNotLost() {
        AtomicBoolean woke = new AtomicBoolean();
        Gort.boot(Chapter03.config("note", 1)).run(() -> {
            Note n = new Note();
            Note.notewakeup(n);
            Switch.systemstack(() -> Note.notesleep(n)); // must return at once: the note is set
            woke.set(true);
        });
        assertThat("notesleep after notewakeup returns at once", woke.get(), is(true));
    }

    @Test
    @Exercise("park")
    void aSemaphoreParksAndReadiesGoroutines() {
        int[] order = new int[1];
        Gort.boot(Chapter03.config("park", 1)).run(() -> {
            Sema s = new Sema();
            Gort.go(() -> {
                order[0] = 1;
                Sema.semrelease(s); // goready the parked main goroutine
            });
            Sema.semacquire(s); // gopark until released
        });
        assertThat("the main goroutine parked, the other ran and readied it", order[0], equalTo(1));
    }

    @Test
    @Exercise("rwmutex")
    void readersShareAndAWriterExcludes() {
        long[] state = new long[2];
        Gort.boot(Chapter03.config("rwmutex", 2)).run(() -> {
            RWMutex rw = new RWMutex();
            Sema done = new Sema();
            for (int w = 0; w < 2; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < 500; i++) {
                        RWMutex.lock(rw);
                        state[0]++;
                        state[1]++;
                        RWMutex.unlock(rw);
                        RWMutex.rlock(rw);
                        RWMutex.runlock(rw);
                    }
                    Sema.semrelease(done);
                });
            }
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
        assertThat("1000 writes under the write lock", state[0], equalTo(1000L));
    }

    // --- the same parts under the simulated OS: seeded interleavings, the same on every machine ---

    @Test
    @Exercise("mutex")
    void aMutexExcludesOnEveryInterleavingTried() {
        Seeds.sweep(1, 10, seed -> {
            long[] counter = new long[1];
            SuiteHarness.run(SuiteHarness.sim(Chapter03.config("mutex", 3), seed), () -> {
                Mutex mu = new Mutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 3; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 4; i++) {
                            Mutex.lock(mu);
                            long c = counter[0];
                            point.add(1); // the simulated OS may switch Ms here, inside the lock
                            counter[0] = c + 1;
                            Mutex.unlock(mu);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int w = 0; w < 3; w++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("3 Ms x 4 increments with a switch inside the lock (seed " + seed + "): fewer"
                    + " means two Ms held the mutex at once", counter[0], equalTo(12L));
        });
    }

    @Test
    @Exercise("note")
    void aWakeupRacingTheSleepIsNotLostEvenWithSpuriousWakeups() {
        Seeds.sweep(1, 10, seed -> {
            int[] key = {-1};
            SuiteHarness.run(SuiteHarness.simSpurious(Chapter03.config("note", 2), seed, 30), () -> {
                Note n = new Note();
                Sema done = new Sema();
                Gort.go(() -> {
                    Switch.systemstack(() -> Note.notesleep(n));
                    key[0] = n.key.load();
                    Sema.semrelease(done);
                });
                Gort.go(() -> Note.notewakeup(n));
                Sema.semacquire(done);
            });
            assertThat("the note's key when notesleep returned (seed " + seed + ", 30 % of futexsleeps"
                    + " returning early): sleep only while the key is 0, and re-check it after waking",
                    key[0], equalTo(1));
        });
    }

    @Test
    @Exercise("park")
    void parkAndReadyNeverLoseAGoroutineOnTwoPs() {
        Seeds.sweep(1, 10, seed -> {
            int[] rounds = new int[1];
            SuiteHarness.run(SuiteHarness.sim(Chapter03.config("park", 2), seed), () -> {
                Sema ping = new Sema();
                Sema pong = new Sema();
                Gort.go(() -> {
                    for (int i = 0; i < 8; i++) {
                        Sema.semacquire(ping);
                        Sema.semrelease(pong);
                    }
                });
                for (int i = 0; i < 8; i++) {
                    Sema.semrelease(ping);
                    Sema.semacquire(pong);
                    rounds[0]++;
                }
            });
            assertThat("ping-pong rounds on 2 Ps (seed " + seed + "): a ready that races a park must"
                    + " not be lost", rounds[0], equalTo(8));
        });
    }

    @Test
    @Exercise("rwmutex")
    void readersNeverSeeAHalfDoneWrite() {
        Seeds.sweep(1, 10, seed -> {
            long[] state = new long[2];
            boolean[] torn = new boolean[1];
            SuiteHarness.run(SuiteHarness.sim(Chapter03.config("rwmutex", 3), seed), () -> {
                RWMutex rw = new RWMutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 3; w++) {
                    boolean writer = w == 0;
                    Gort.go(() -> {
                        for (int i = 0; i < 4; i++) {
                            if (writer) {
                                RWMutex.lock(rw);
                                state[0]++;
                                point.add(1); // a switch between the two halves of the write
                                state[1]++;
                                RWMutex.unlock(rw);
                            } else {
                                RWMutex.rlock(rw);
                                torn[0] |= state[0] != state[1];
                                point.add(1);
                                RWMutex.runlock(rw);
                            }
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int w = 0; w < 3; w++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("a reader saw the two halves of a write differ (seed " + seed + "): a read lock"
                    + " must wait for the writer", torn[0], is(false));
            assertThat("writes done", state[0], equalTo(4L));
        });
    }
}
