package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.os.SeedSweep;
import org.junit.jupiter.api.Test;

/**
 * The locks under the simulated OS, over many seeds: every atomic operation is a point where
 * another M may run, so the races a real machine hits once in a blue moon are explored on purpose.
 */
class SimLocksTest {

    @Test
    void rwmutexWritersExcludeEveryoneAndReadersNeverSeeAHalfWrite() {
        SeedSweep.run("rwmutex exclusion", seed -> {
            long[] state = new long[2];
            int[] torn = new int[1];
            Goroutines.run(Simulated.boot(3, seed), () -> {
                RWMutex rw = new RWMutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 2; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            RWMutex.lock(rw);
                            state[0]++;
                            point.add(1); // another M may run between the two writes
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
            assertThat("writes counted", state[0], equalTo(10L));
            assertThat("a reader saw a write half done", torn[0], equalTo(0));
        });
    }

    @Test
    void aNoteWakeupRacingItsSleepIsNeverLost() {
        SeedSweep.run("note wakeup race", seed -> {
            boolean[] woke = new boolean[1];
            Goroutines.run(Simulated.boot(2, seed), () -> {
                Note n = new Note();
                Sema done = new Sema();
                Gort.go(() -> {
                    Switch.systemstack(() -> Note.notesleep(n));
                    woke[0] = true;
                    Sema.semrelease(done);
                });
                Gort.go(() -> Note.notewakeup(n)); // may come before or after the sleep
                Sema.semacquire(done);
            });
            assertThat(woke[0], is(true));
        });
    }

    @Test
    void aSemaphoreLosesNoWakeupBetweenItsCheckAndItsPark() {
        SeedSweep.run("sema wakeup race", seed -> {
            int[] acquired = new int[1];
            Goroutines.run(Simulated.boot(2, seed), () -> {
                Sema s = new Sema();
                Sema done = new Sema();
                for (int i = 0; i < 3; i++) {
                    Gort.go(() -> {
                        Sema.semacquire(s);
                        acquired[0]++;
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 3; i++) {
                    Gort.go(() -> Sema.semrelease(s));
                }
                for (int i = 0; i < 3; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat(acquired[0], equalTo(3));
        });
    }
}
