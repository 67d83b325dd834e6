package dev.gort.solutions.scheduler;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.util.concurrent.atomic.AtomicInteger;

import dev.gort.chapters.scheduler.Chapter01;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's parts under the simulated OS, over many seeds: each seed is one interleaving of
 * the Ms, the same on every machine; a failure names its seed and the replay command.
 */
class SchedulingHiddenTest {

    /** Runs {@code n} goroutines on {@code procs} simulated Ps; returns how many ran. */
    private static int runMany(long seed, int procs, int n, boolean syscalls) {
        AtomicInteger ran = new AtomicInteger();
        Gort rt = Gort.boot(Chapter01.config(procs).simulated(seed));
        rt.run(() -> {
            Sema done = new Sema();
            for (int i = 0; i < n; i++) {
                int k = i;
                Gort.go(() -> {
                    if (syscalls && k % 3 == 0) {
                        Gort.syscall(() -> { });
                    }
                    if (k % 2 == 0) {
                        Gort.gosched();
                    }
                    ran.incrementAndGet();
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < n; i++) {
                Sema.semacquire(done);
            }
        });
        return ran.get();
    }

    @Test
    @Exercise("findrunnable")
    @Points(3)
    void everyGoroutineRunsExactlyOnceOnThreePs() {
        Seeds.sweep(1, 15, seed -> assertThat("goroutines that ran (GOMAXPROCS=3)",
                runMany(seed, 3, 40, false), equalTo(40)));
    }

    @Test
    @Exercise("gfree")
    @Points(2)
    void gsAreReusedAcrossPs() {
        Seeds.sweep(1, 10, seed -> {
            Gort rt = Gort.boot(Chapter01.config(2).simulated(seed));
            rt.run(() -> {
                Sema done = new Sema();
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < 20; i++) {
                        Gort.go(() -> Sema.semrelease(done));
                    }
                    for (int i = 0; i < 20; i++) {
                        Sema.semacquire(done);
                    }
                }
            });
            assertThat("Gs reused in 5 rounds of 20 goroutines", rt.stats().gsReused(), greaterThan(40L));
        });
    }

    @Test
    @Exercise("syscalls")
    @Points(3)
    void syscallsNeverLoseAGoroutine() {
        Seeds.sweep(1, 15, seed -> assertThat("goroutines that ran, a third of them making syscalls",
                runMany(seed, 2, 30, true), equalTo(30)));
    }
}
