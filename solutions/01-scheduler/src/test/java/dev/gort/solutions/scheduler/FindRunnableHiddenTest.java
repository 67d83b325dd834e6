package dev.gort.solutions.scheduler;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * Exercise findrunnable: where an M's next G comes from, under the simulated OS over seeds: every G
 * found once, the 61-tick fairness rule, stealing that puts idle Ps to work, and the spinning count.
 */
@Exercise("findrunnable")
class FindRunnableHiddenTest {
    private static final String EXERCISE = "findrunnable";

    /** Runs n goroutines (half of them yielding once) on procs simulated Ps; returns how many ran. */
    private static int runMany(long seed, int procs, int n) {
        AtomicInteger ran = new AtomicInteger();
        Harness.run(Harness.sim(EXERCISE, procs, seed), () -> {
            Sema done = new Sema();
            for (int i = 0; i < n; i++) {
                int k = i;
                Gort.go(() -> {
                    if (k % 2 == 0) {
                        Gort.gosched(); // back to the global queue
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
    @Points(3)
    void everyGoroutineRunsExactlyOnceOnThreePs() {
        Seeds.sweep(1, 12, seed -> assertThat("goroutines that ran at GOMAXPROCS=3, half of them yielding"
                + " (gosched puts them on the global queue): findRunnable must look in the local queue,"
                + " the global queue and other Ps' queues", runMany(seed, 3, 40), equalTo(40)));
    }

    @Test
    @Points(2)
    void aStopTheWorldWhileMsLookForWorkCompletes() {
        Seeds.sweep(1, 8, seed -> {
            AtomicInteger ran = new AtomicInteger();
            Harness.run(Harness.sim(EXERCISE, 4, seed, 5_000_000), () -> {
                Sema done = new Sema();
                for (int round = 0; round < 6; round++) {
                    for (int i = 0; i < 6; i++) {
                        Gort.go(() -> {
                            ran.incrementAndGet();
                            Sema.semrelease(done);
                        });
                    }
                    Gort.gomaxprocs(round % 2 == 0 ? 2 : 4); // stops the world while Ms look for work
                    for (int i = 0; i < 6; i++) {
                        Sema.semacquire(done);
                    }
                }
            });
            assertThat("goroutines run across 6 GOMAXPROCS changes: an M in findRunnable must stop for"
                    + " a waiting stop-the-world (gcstopm) before anything else", ran.get(), equalTo(36));
        });
    }

    @Test
    @Points(2)
    void workQueuedGloballyWhileMsStopSpinningIsNeverStranded() {
        Seeds.sweep(1, 25, seed -> {
            AtomicInteger ran = new AtomicInteger();
            Harness.run(Harness.sim(EXERCISE, 3, seed, 5_000_000), () -> {
                Sema done = new Sema();
                for (int i = 0; i < 24; i++) {
                    Gort.go(() -> {
                        Gort.syscallBlock(() -> { }); // back through exitsyscall: often the global queue
                        Gort.gosched();
                        ran.incrementAndGet();
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 24; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("goroutines that finished, each coming back from a blocking call: a G put on the"
                    + " global queue while the last spinning M gives up must be found (the re-checks"
                    + " after dropping nmspinning)", ran.get(), equalTo(24));
        });
    }

    @Test
    @Points(2)
    void theGlobalQueueIsCheckedEvery61TicksEvenWithLocalWork() {
        // GOMAXPROCS=1: main puts 200 goroutines on the local queue, then yields to the global
        // queue. Local first would run main last; the 61-tick rule lets it in after at most 61.
        Seeds.sweep(1, 5, seed -> {
            int[] before = new int[1];
            AtomicInteger ran = new AtomicInteger();
            Harness.run(Harness.sim(EXERCISE, 1, seed), () -> {
                for (int i = 0; i < 200; i++) {
                    Gort.go(ran::incrementAndGet);
                }
                Gort.gosched();
                before[0] = ran.get();
            });
            assertThat("goroutines from the local queue that ran before main came back from the global"
                    + " queue: every 61st schedtick findRunnable must take one G from the global queue"
                    + " first, or a busy local queue starves it", before[0], lessThanOrEqualTo(61));
        });
    }

    /**
     * The order in which goroutines run at GOMAXPROCS=1 (one P, so it is fixed by where
     * findRunnable looks): 150 goroutines, every third yielding once through the global queue,
     * main yielding every 40 starts. Ends with P0's schedtick, which counts the Gs that started a
     * fresh time slice (not inherited from runnext).
     */
    private static List<Integer> runOrder(Gort rt) {
        List<Integer> order = new ArrayList<>();
        Harness.run(rt, () -> {
            Sema done = new Sema();
            for (int i = 0; i < 150; i++) {
                int k = i;
                Gort.go(() -> {
                    order.add(k);
                    if (k % 3 == 0) {
                        Gort.gosched();
                        order.add(1000 + k);
                    }
                    Sema.semrelease(done);
                });
                if (i % 40 == 39) {
                    Gort.gosched();
                    order.add(-1); // main is back
                }
            }
            for (int i = 0; i < 150; i++) {
                Sema.semacquire(done);
            }
            order.add(Gort.getg().m.p.schedtick);
        });
        return order;
    }

    @Test
    @Points(2)
    void atGomaxprocsOneGoroutinesRunInTheReferencesOrder() {
        Seeds.sweep(1, 3, seed -> {
            List<Integer> ref = runOrder(Harness.simReference(1, seed));
            List<Integer> yours = runOrder(Harness.sim(EXERCISE, 1, seed));
            assertThat("p.schedtick at the end (the last number; the Gs that began a new time slice:"
                    + " a G from runnext inherits it, r.inheritTime = runqget's inheritTime, every other"
                    + " source sets it false)", yours.getLast(), equalTo(ref.getLast()));
            assertThat("the order goroutines ran in at GOMAXPROCS=1 (k: goroutine k; 1000 + k: back from"
                    + " its gosched; -1: main back from its gosched), against the reference's: Go's order"
                    + " is one G from the global queue every 61st schedtick, then runnext, the local"
                    + " ring, the global queue (one G at the 61st tick, a batch otherwise)", yours, equalTo(ref));
        });
    }

    @Test
    @Points(2)
    void anIdlePStealsWorkFromABusyOne() {
        Seeds.sweep(1, 8, seed -> {
            Set<Integer> ps = ConcurrentHashMap.newKeySet();
            Gort rt = Harness.sim(EXERCISE, 2, seed);
            Harness.run(rt, () -> {
                Uint32 work = new Uint32();
                Sema done = new Sema();
                for (int i = 0; i < 30; i++) {
                    Gort.go(() -> {
                        ps.add(Gort.getg().m.p.id);
                        for (int k = 0; k < 20; k++) {
                            work.add(1); // a scheduling point: the other M may run meanwhile
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 30; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("30 goroutines started on P0 at GOMAXPROCS=2 ran on Ps " + ps + ": the M woken for"
                    + " P1 finds P1's queue and the global queue empty and must steal from P0"
                    + " (stealWork: runqsteal from every other non-idle P)", ps.size(), equalTo(2));
            assertThat("steals counted (p.steals)", rt.stats().steals(), greaterThan(0L));
        });
    }

    /** How the scheduler looks once nothing is left to run: spinning Ms, by their flag and by the count. */
    private record Quiet(int spinningMs, int nmspinning) {
        static Quiet of(Gort rt) {
            int spinning = 0;
            for (M mp = rt.sched.allm(); mp != null; mp = mp.alllink) {
                spinning += mp.spinning ? 1 : 0;
            }
            return new Quiet(spinning, rt.sched.nmspinning.load());
        }

        boolean settled() {
            return spinningMs == 0 && nmspinning == 0;
        }
    }

    @Test
    @Points(2)
    void whenTheWorkIsDoneNoMIsLeftSpinning() {
        Seeds.sweep(1, 10, seed -> {
            Quiet[] end = new Quiet[1];
            Gort rt = Harness.sim(EXERCISE, 4, seed);
            Harness.run(rt, () -> {
                Sema done = new Sema();
                for (int i = 0; i < 40; i++) {
                    Gort.go(() -> {
                        Gort.gosched();
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 40; i++) {
                    Sema.semacquire(done);
                }
                // Only main is left: give the other Ms time to find nothing and stop.
                for (int i = 0; i < 20_000 && !Quiet.of(rt).settled(); i++) {
                    Gort.current().os.osyield();
                }
                end[0] = Quiet.of(rt);
            });
            assertThat("Ms with m.spinning set long after the work was done: an M that finds nothing"
                    + " must stop spinning, give up its P and sleep (stopm)", end[0].spinningMs(), equalTo(0));
            assertThat("sched.nmspinning long after the work was done: each M that sets m.spinning adds"
                    + " exactly 1, and takes it back when it stops spinning", end[0].nmspinning(), equalTo(0));
        });
    }

    @Test
    @Points(2)
    void fourGoroutinesThatCanOnlyFinishTogetherAllGetAPAtOnce() {
        // Go's TestGoroutineParallelism2 shape: each round's four goroutines spin until all four
        // have started, so a G left in a queue beside an idle P (a lost wakeup: an M that stops
        // spinning without its re-checks, or a needspinning request ignored) never lets the round end;
        // the simulated OS reports such stranded work after 1 ms of virtual time.
        Seeds.sweep(1, 12, seed -> {
            int[] rounds = new int[1];
            Harness.run(Harness.sim(EXERCISE, 4, seed, 2_000_000), () -> {
                for (int round = 0; round < 10; round++) {
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
            assertThat("rounds in which four goroutines, each needing all four on a P at once, finished",
                    rounds[0], equalTo(10));
        });
    }

    @Test
    @Points(2)
    void theSpinningCountNeverGoesNegative() {
        Seeds.sweep(1, 8, seed -> {
            AtomicInteger negative = new AtomicInteger();
            Gort rt = Harness.sim(EXERCISE, 3, seed);
            Harness.run(rt, () -> {
                Sema ping = new Sema();
                Sema done = new Sema();
                for (int i = 0; i < 6; i++) {
                    Gort.go(() -> {
                        for (int k = 0; k < 5; k++) {
                            if (rt.sched.nmspinning.load() < 0) {
                                negative.incrementAndGet();
                            }
                            Sema.semrelease(ping);
                            Sema.semacquire(ping);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 6; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("times sched.nmspinning was seen below 0: an M must set m.spinning and add 1"
                    + " together, and subtract 1 only if it was spinning", negative.get(), equalTo(0));
            assertThat("spinning Ms when every goroutine has finished", rt.sched.nmspinning.load(),
                    lessThanOrEqualTo(3));
        });
    }
}
