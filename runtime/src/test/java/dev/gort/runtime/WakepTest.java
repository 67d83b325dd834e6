package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
import org.junit.jupiter.api.Test;

/**
 * Go's TestGoroutineParallelism2 shape on the simulated OS: rounds of four goroutines that can only
 * finish when all four are on a P at once, so an idle P left beside a runnable G (a lost wakeup in
 * wakep, golang/go#45867) never lets a round end.
 */
class WakepTest {

    /** Seed 121 stranded a G when wakep kept Go 1.19's unlocked {@code npidle == 0} return. */
    static final long SEED_121 = 121;

    @Test
    void seed121NoGoroutineIsStrandedBesideAnIdleP() {
        assertThat(allFourMeet(SEED_121), equalTo(20));
    }

    @Test
    void noGoroutineIsStrandedBesideAnIdlePOverASweep() {
        SeedSweep.run("four goroutines meet on four Ps", 40, seed -> assertThat(allFourMeet(seed), equalTo(20)));
    }

    /** Runs 20 rounds; returns how many finished. */
    private static int allFourMeet(long seed) {
        int[] rounds = new int[1];
        Gort.boot(Config.defaults().gomaxprocs(4).stderr(Goroutines.quiet()).simulated(seed)
                .stepBudget(2_000_000)).run(() -> {
            for (int round = 0; round < 20; round++) {
                Sema done = new Sema();
                Uint32 started = new Uint32();
                for (int p = 0; p < 4; p++) {
                    Gort.go(() -> {
                        if (started.add(1) == 4) {
                            Sema.semrelease(done);
                            return;
                        }
                        while (started.load() != 4) {
                            // needs all four on a P at once
                        }
                    });
                }
                Sema.semacquire(done);
                rounds[0]++;
            }
        });
        return rounds[0];
    }
}
