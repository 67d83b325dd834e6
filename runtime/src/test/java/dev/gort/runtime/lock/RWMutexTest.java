package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runtime rwmutex on real threads: writers exclusive, readers shared, misuse thrown. */
class RWMutexTest {

    @Test
    void writersAreExclusiveAndReadersSeeConsistentState() {
        int writers = 3;
        int readers = 3;
        int rounds = 3_000;
        long[] state = new long[2]; // a writer keeps state[0] == state[1]
        AtomicInteger torn = new AtomicInteger();
        Goroutines.run(2, () -> {
            RWMutex rw = new RWMutex();
            Sema done = new Sema();
            for (int w = 0; w < writers; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < rounds; i++) {
                        RWMutex.lock(rw);
                        state[0]++;
                        Thread.onSpinWait();
                        state[1]++;
                        RWMutex.unlock(rw);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int r = 0; r < readers; r++) {
                Gort.go(() -> {
                    for (int i = 0; i < rounds; i++) {
                        RWMutex.rlock(rw);
                        if (state[0] != state[1]) {
                            torn.incrementAndGet();
                        }
                        RWMutex.runlock(rw);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < writers + readers; i++) {
                Sema.semacquire(done);
            }
        });
        assertThat("every write was counted once", state[0], equalTo((long) writers * rounds));
        assertThat("no reader saw a write half done", torn.get(), equalTo(0));
    }

    @Test
    void readersShareTheLock() {
        // Two readers on two Ps: each waits, inside its read section, for the other to arrive.
        AtomicInteger inside = new AtomicInteger();
        boolean[] both = new boolean[2];
        Goroutines.run(2, () -> {
            RWMutex rw = new RWMutex();
            Sema done = new Sema();
            for (int r = 0; r < 2; r++) {
                int me = r;
                Gort.go(() -> {
                    RWMutex.rlock(rw);
                    inside.incrementAndGet();
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    while (inside.get() < 2 && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    both[me] = inside.get() == 2;
                    RWMutex.runlock(rw);
                    Sema.semrelease(done);
                });
            }
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
        assertThat(both[0] && both[1], is(true));
    }

    @Test
    void runlockOfAnUnlockedRwmutexThrows() {
        FatalError e = Goroutines.death(1, () -> RWMutex.runlock(new RWMutex()));
        assertThat(e.getMessage(), equalTo("runlock of unlocked rwmutex"));
    }

    @Test
    void unlockOfAnUnlockedRwmutexThrows() {
        FatalError e = Goroutines.death(1, () -> RWMutex.unlock(new RWMutex()));
        assertThat(e.getMessage(), equalTo("unlock of unlocked rwmutex"));
    }
}
