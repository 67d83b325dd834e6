package dev.gort.chapters.scheduler;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Seeds;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * Chapter 01's visible tests: small, fast checks per exercise, run on your parts: some on the real
 * OS, and some over seeds of the simulated OS, whose failure names the seed and how to replay it.
 * {@code ./workbook check 01} runs them; {@code ./workbook grade 01} adds the hidden ones.
 */
class SchedulerTest {

    @Test
    @Exercise("runq")
    void runnextRunsFirstThenTheRingInOrder() {
        Gort rt = Gort.boot(Chapter01.config("runq", 1));
        P pp = new P(rt, 0);
        List<G> in = SuiteHarness.gs(rt, 3);
        pp.runq.runqput(in.get(0), false);
        pp.runq.runqput(in.get(1), false);
        pp.runq.runqput(in.get(2), true);
        assertThat("runnext (the G put with next=true) runs before the ring", pp.runq.runqget(), is(in.get(2)));
        assertThat("then the ring gives Gs back in the order they were put (FIFO)", pp.runq.runqget(), is(in.get(0)));
        assertThat(pp.runq.runqget(), is(in.get(1)));
        assertThat("an empty queue gives null", pp.runq.runqget(), nullValue());
        assertThat("and says it is empty", pp.runq.runqempty(), is(true));
    }

    @Test
    @Exercise("runq")
    void aThiefTakesHalfRoundedUp() {
        Gort rt = Gort.boot(Chapter01.config("runq", 2));
        P victim = new P(rt, 0);
        P thief = new P(rt, 1);
        victim.status.store(P._Pidle);
        List<G> in = SuiteHarness.gs(rt, 5);
        in.forEach(gp -> victim.runq.runqput(gp, false));
        G first = thief.runq.runqsteal(victim.runq, false);
        assertThat("stealing from 5 Gs takes ceil(5/2) = 3, the oldest, and returns the last of them to"
                + " run at once (the other 2 go to the thief's ring)", first, is(in.get(2)));
        assertThat("the thief's ring holds the other stolen Gs", thief.runq.size(), equalTo(2));
        assertThat("the victim keeps the newest 2: a G is never in two queues", victim.runq.size(), equalTo(2));
    }

    @Test
    @Exercise("gfree")
    void deadGoroutinesAreReused() {
        Gort rt = Gort.boot(Chapter01.config("gfree", 1));
        rt.run(() -> {
            Sema done = new Sema();
            for (int i = 0; i < 200; i++) {
                Gort.go(() -> Sema.semrelease(done));
                Sema.semacquire(done); // one at a time: each new goroutine can reuse the last G
            }
        });
        assertThat("200 goroutines that ran one after another should reuse dead Gs from the free list"
                + " (gfput when a G exits, gfget in newproc)", rt.stats().gsReused(), greaterThan(100L));
    }

    @Test
    @Exercise("findrunnable")
    void everyGoroutineRunsOnTwoPs() {
        AtomicInteger ran = new AtomicInteger();
        Gort rt = Gort.boot(Chapter01.config("findrunnable", 2));
        rt.run(() -> {
            Sema done = new Sema();
            for (int i = 0; i < 100; i++) {
                Gort.go(() -> {
                    ran.incrementAndGet();
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < 100; i++) {
                Sema.semacquire(done);
            }
        });
        assertThat("every goroutine started must be found by findRunnable and run", ran.get(), equalTo(100));
    }

    @Test
    @Exercise("syscalls")
    void aBlockingSyscallLetsOtherGoroutinesRun() {
        // G1 blocks its thread in a system call (a futex sleep of the simulated OS) until another
        // goroutine opens the gate. With GOMAXPROCS=1 that other goroutine can only run if
        // entersyscallblock handed the P off. Virtual time: the same verdict on every machine.
        Seeds.sweep(1, 5, seed -> {
            SuiteHarness.Gate gate = new SuiteHarness.Gate();
            AtomicBoolean opened = new AtomicBoolean();
            try {
                SuiteHarness.run(SuiteHarness.sim(Chapter01.config("syscalls", 1), seed), () -> {
                    Sema started = new Sema();
                    Sema done = new Sema();
                    Gort.go(() -> {
                        Sema.semrelease(started);
                        Gort.syscallBlock(gate::await);
                        Sema.semrelease(done);
                    });
                    Sema.semacquire(started); // the opener starts only after G1 ran
                    Gort.go(() -> {
                        opened.set(true);
                        gate.open();
                        Sema.semrelease(done);
                    });
                    Sema.semacquire(done);
                    Sema.semacquire(done);
                });
            } catch (FatalError e) {
                throw new AssertionError("with GOMAXPROCS=1 another goroutine runs during a blocking syscall"
                        + " only if the syscall gave its P away (handoffp); here the runtime died instead"
                        + " (seed " + seed + "):\n" + e.getMessage(), e);
            }
            assertThat("the goroutine that opens the gate ran while the other was blocked in its syscall",
                    opened.get(), is(true));
        });
    }

    // --- the same parts under the simulated OS: seeded interleavings, the same on every machine ---

    /**
     * Runs {@code n} goroutines, each doing {@code body(k)}, on {@code procs} simulated Ps with only
     * {@code exercise}'s part yours; returns how many finished.
     */
    private static int seeded(String exercise, int procs, long seed, int n, IntConsumer body) {
        AtomicInteger ran = new AtomicInteger();
        SuiteHarness.run(SuiteHarness.sim(Chapter01.config(exercise, procs), seed), () -> {
            Sema done = new Sema();
            for (int i = 0; i < n; i++) {
                int k = i;
                Gort.go(() -> {
                    body.accept(k);
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
    @Exercise("runq")
    void ownersAndThievesNeverLoseOrDuplicateAGoroutine() {
        Seeds.sweep(1, 10, seed -> assertThat("goroutines that finished on 3 Ps (put by their owner, taken"
                + " by the owner or stolen by another M, seed " + seed + "): each exactly once",
                seeded("runq", 3, seed, 60, k -> {
                    if (k % 3 == 0) {
                        Gort.gosched();
                    }
                }), equalTo(60)));
    }

    @Test
    @Exercise("gfree")
    void goroutinesOnReusedGsAllRunOnTwoPs() {
        Seeds.sweep(1, 10, seed -> assertThat("goroutines that finished, started in waves so that dead Gs"
                + " are reused across Ps (seed " + seed + ")",
                seeded("gfree", 2, seed, 60, k -> Gort.go(() -> { })), equalTo(60)));
    }

    @Test
    @Exercise("findrunnable")
    void everyGoroutineIsFoundOnEveryInterleavingTried() {
        Seeds.sweep(1, 10, seed -> assertThat("goroutines that finished on 3 Ps, a third of them yielding"
                + " to the global queue (seed " + seed + "): findRunnable must look everywhere before an M"
                + " sleeps", seeded("findrunnable", 3, seed, 40, k -> {
                    if (k % 3 == 0) {
                        Gort.gosched();
                    }
                }), equalTo(40)));
    }

    @Test
    @Exercise("syscalls")
    void syscallsOfBothKindsNeverLoseAGoroutine() {
        Seeds.sweep(1, 10, seed -> assertThat("goroutines that came back from their system calls and"
                + " finished on 2 Ps (seed " + seed + ")", seeded("syscalls", 2, seed, 24, k -> {
                    if (k % 2 == 0) {
                        Gort.syscall(() -> { });
                    } else {
                        Gort.syscallBlock(() -> { });
                    }
                }), equalTo(24)));
    }
}
