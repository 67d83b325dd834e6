package dev.gort.solutions.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.chapters.synchronization.Chapter03;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.RWMutex;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03's locks under the simulated OS over many seeds (every atomic operation is a point
 * where another M may run), plus Go's throw strings for misuse.
 */
class LocksHiddenTest {
    private static Gort sim(int procs, long seed) {
        return Gort.boot(Chapter03.config(procs).stderr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .simulated(seed));
    }

    @Test
    @Exercise("mutex")
    @Points(3)
    void mutualExclusionOverManySeeds() {
        Seeds.sweep(1, 15, seed -> {
            long[] counter = new long[1];
            sim(3, seed).run(() -> {
                Mutex mu = new Mutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 3; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            Mutex.lock(mu);
                            long c = counter[0];
                            point.add(1); // another M may run here
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
            assertThat("15 increments under the mutex", counter[0], equalTo(15L));
        });
    }

    @Test
    @Exercise("mutex")
    @Points(1)
    void unlockOfAnUnlockedLockThrowsGosMessage() {
        FatalError e = assertThrows(FatalError.class, () -> sim(1, 1).run(() -> Mutex.unlock(new Mutex())));
        assertThat(e.getMessage(), containsString("unlock of unlocked lock"));
    }

    @Test
    @Exercise("note")
    @Points(3)
    void aWakeupRacingTheSleepIsNeverLost() {
        Seeds.sweep(1, 15, seed -> {
            boolean[] woke = new boolean[1];
            sim(2, seed).run(() -> {
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
            assertThat("the sleeper woke", woke[0], is(true));
        });
    }

    @Test
    @Exercise("note")
    @Points(1)
    void aDoubleWakeupThrowsGosMessage() {
        FatalError e = assertThrows(FatalError.class, () -> sim(1, 1).run(() -> {
            Note n = new Note();
            Note.notewakeup(n);
            Note.notewakeup(n);
        }));
        assertThat(e.getMessage(), containsString("notewakeup - double wakeup"));
    }

    @Test
    @Exercise("park")
    @Points(3)
    void parkAndReadyNeverLoseAGoroutine() {
        Seeds.sweep(1, 15, seed -> {
            int[] passed = new int[1];
            sim(2, seed).run(() -> {
                Sema ping = new Sema();
                Sema pong = new Sema();
                Gort.go(() -> {
                    for (int i = 0; i < 10; i++) {
                        Sema.semacquire(ping);
                        Sema.semrelease(pong);
                    }
                });
                for (int i = 0; i < 10; i++) {
                    Sema.semrelease(ping);
                    Sema.semacquire(pong);
                    passed[0]++;
                }
            });
            assertThat("ping-pong rounds", passed[0], equalTo(10));
        });
    }

    @Test
    @Exercise("rwmutex")
    @Points(3)
    void writersExcludeEveryoneAndReadersNeverSeeAHalfWrite() {
        Seeds.sweep(1, 15, seed -> {
            long[] state = new long[2];
            int[] torn = new int[1];
            sim(3, seed).run(() -> {
                RWMutex rw = new RWMutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 2; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            RWMutex.lock(rw);
                            state[0]++;
                            point.add(1);
                            state[1]++;
                            RWMutex.unlock(rw);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int r = 0; r < 2; r++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            RWMutex.rlock(rw);
                            long a = state[0];
                            point.add(1);
                            if (a != state[1]) {
                                torn[0]++;
                            }
                            RWMutex.runlock(rw);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 4; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("writes", state[0], equalTo(10L));
            assertThat("reads that saw a write half done", torn[0], equalTo(0));
        });
    }
}
