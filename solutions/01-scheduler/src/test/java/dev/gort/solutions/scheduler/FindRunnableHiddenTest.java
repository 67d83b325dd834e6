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
import dev.gort.runtime.P;
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

    @Test
    @Points(2)
    void anMOutOfLocalWorkTakesTheGlobalQueueBeforeStealing() {
        // GOMAXPROCS=2: a goroutine on P1 has queued 8 children on P1 and keeps running; main, on
        // P0, yields to the global queue. P0's M then has nothing local: Go's order sends it to the
        // global queue (main) before it steals P1's children.
        Seeds.sweep(1, 6, seed -> {
            int[] before = new int[1];
            Harness.run(Harness.sim(EXERCISE, 2, seed, 5_000_000), () -> {
                Uint32 spawned = new Uint32();
                Uint32 release = new Uint32();
                Uint32 ran = new Uint32();
                Sema done = new Sema();
                Gort.go(() -> {
                    for (int i = 0; i < 8; i++) {
                        Gort.go(() -> {
                            ran.add(1);
                            Sema.semrelease(done);
                        });
                    }
                    spawned.store(1);
                    while (release.load() == 0) {
                        // keeps P1 busy, its children queued behind it
                    }
                    Sema.semrelease(done);
                });
                while (spawned.load() == 0) {
                    // main keeps P0 busy meanwhile
                }
                while (Gort.getg().m.p.schedtick % 61 == 0) {
                    Gort.gosched(); // not on a 61st tick, where the global queue comes first anyway
                }
                Gort.gosched();
                before[0] = (int) ran.load();
                release.store(1);
                for (int i = 0; i < 9; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("goroutines queued on a busy P1 that ran before main came back from the global queue"
                    + " to an idle P0: with its local queue empty, findRunnable looks in the global queue"
                    + " (globrunqget) before it steals from other Ps", before[0], equalTo(0));
        });
    }

    /**
     * With GOMAXPROCS procs Ps, main and busy goroutines keep every P but {@code idle} busy; then
     * the busy ones finish one at a time, each leaving its M with nothing to run, while the Ms that
     * went stealing are held inside their first grab (still spinning). Returns how many went.
     */
    private static int msThatWentStealing(long seed, int procs, int busy) {
        WatchedRunq.Thieves thieves = new WatchedRunq.Thieves();
        Gort rt = thieves.sim(procs, seed);
        int[] went = new int[1];
        Harness.run(rt, () -> {
            Uint32 started = new Uint32();
            Uint32[] finish = new Uint32[busy];
            Sema done = new Sema();
            for (int i = 0; i < busy; i++) {
                Uint32 mine = finish[i] = new Uint32();
                Gort.go(() -> {
                    started.add(1);
                    while (mine.load() == 0) {
                        // holds a P until told
                    }
                    Sema.semrelease(done);
                });
            }
            while (started.load() != busy || rt.sched.nmspinning.load() != 0) {
                // every goroutine on its own P, and no M left looking for work
            }
            thieves.hold();
            for (Uint32 f : finish) {
                int idle = rt.sched.npidle.load();
                int waiting = thieves.waiting();
                f.store(1);
                while (thieves.waiting() == waiting && rt.sched.npidle.load() == idle) {
                    // until that M went stealing, or gave its P up
                }
            }
            went[0] = thieves.waiting();
            thieves.release();
            for (int i = 0; i < busy; i++) {
                Sema.semacquire(done);
            }
        });
        return went[0];
    }

    @Test
    @Points(2)
    void atMostHalfTheBusyPsHaveSpinningMs() {
        Seeds.sweep(1, 4, seed -> {
            assertThat("Ms that went stealing at GOMAXPROCS=4 with main and 3 goroutines busy, the 3"
                    + " finishing one by one: an M with nothing to run spins (and steals) only while"
                    + " 2 * nmspinning < gomaxprocs - npidle, so the third, seeing 2 spinning Ms and 4 busy"
                    + " Ps, must give its P up instead", msThatWentStealing(seed, 4, 3), equalTo(2));
            assertThat("Ms that went stealing at GOMAXPROCS=3 with main and 2 goroutines busy: with 1"
                    + " spinning M and 3 busy Ps (2 * 1 < 3) the second may spin too",
                    msThatWentStealing(seed, 3, 2), equalTo(2));
            assertThat("Ms that went stealing at GOMAXPROCS=5 with main and 3 goroutines busy and 1 P"
                    + " idle: busy Ps are gomaxprocs - npidle = 4, so a third spinning M is one too many",
                    msThatWentStealing(seed, 5, 3), equalTo(2));
        });
    }

    @Test
    @Points(2)
    void stealWorkMakesFourPassesAndTakesRunnextOnlyInTheLast() {
        // GOMAXPROCS=3: main on one P and a goroutine on another keep them busy with empty queues;
        // a third goroutine finishes, and its M looks for work everywhere and finds none.
        Seeds.sweep(1, 6, seed -> {
            WatchedRunq.Thieves thieves = new WatchedRunq.Thieves();
            Gort rt = thieves.sim(3, seed);
            String[] grabs = new String[3];
            Harness.run(rt, () -> {
                Uint32 started = new Uint32();
                Uint32 stop = new Uint32();
                Uint32 finish = new Uint32();
                Sema done = new Sema();
                P[] hog = new P[1];
                Gort.go(() -> {
                    hog[0] = Gort.getg().m.p;
                    started.add(1);
                    while (stop.load() == 0) {
                        // keeps its P busy, with nothing queued
                    }
                    Sema.semrelease(done);
                });
                P[] thief = new P[1];
                Gort.go(() -> {
                    thief[0] = Gort.getg().m.p;
                    started.add(1);
                    while (finish.load() == 0) {
                        // holds the third P until told
                    }
                    Sema.semrelease(done);
                });
                while (started.load() != 2 || rt.sched.nmspinning.load() != 0) {
                    // both on their own Ps, and no M left looking for work
                }
                thieves.clear();
                int idle = rt.sched.npidle.load();
                finish.store(1);
                while (rt.sched.npidle.load() == idle) {
                    // until the M that ran out of work has given its P up
                }
                grabs[0] = thieves.grabs(Gort.getg().m.p.id);
                grabs[1] = thieves.grabs(hog[0].id);
                grabs[2] = thieves.grabs(thief[0].id);
                stop.store(1);
                Sema.semacquire(done);
                Sema.semacquire(done);
            });
            assertThat("grabs of the thief's own queue: stealWork skips its own P", grabs[2], equalTo(""));
            for (String g : List.of(grabs[0], grabs[1])) {
                assertThat("the grabs (runqsteal) of a busy P's queue by the one M looking for work, in order"
                        + " (T: may take runnext, -: may not): stealWork makes 4 passes over every non-idle"
                        + " P, and only the last may take a victim's runnext", g, equalTo("---T"));
            }
        });
    }

    @Test
    @Points(2)
    void gsThatReachTheGlobalQueueWhileAnMStealsAreTakenAsABatch() {
        // GOMAXPROCS=2: two goroutines block in system calls; an M runs out of work and is held while
        // it steals; meanwhile both calls return, find no idle P and queue their Gs globally. The M,
        // having stolen nothing, looks at the global queue once more before giving its P up.
        Seeds.sweep(1, 6, seed -> {
            WatchedRunq.Thieves thieves = new WatchedRunq.Thieves();
            Gort rt = thieves.sim(2, seed);
            int[] seen = {-1, -1};
            Harness.run(rt, () -> {
                Harness.Gate calls = new Harness.Gate();
                Uint32 inCall = new Uint32();
                Uint32 back = new Uint32();
                Sema done = new Sema();
                for (int i = 0; i < 2; i++) {
                    Gort.go(() -> {
                        Gort.syscallBlock(() -> {
                            inCall.add(1);
                            calls.await();
                        });
                        if (back.add(1) == 1) { // the first of the two to run again
                            seen[0] = rt.sched.runq.size();
                            seen[1] = Gort.getg().m.p.runq.size();
                        }
                        Sema.semrelease(done);
                    });
                }
                while (inCall.load() != 2) {
                    Gort.gosched(); // lets them run
                }
                Uint32 finish = new Uint32();
                Uint32 holding = new Uint32();
                Gort.go(() -> {
                    holding.store(1);
                    while (finish.load() == 0) {
                        // holds the other P until told
                    }
                });
                while (holding.load() == 0 || rt.sched.npidle.load() != 0 || rt.sched.nmspinning.load() != 0) {
                    Gort.gosched(); // until both Ps are busy and no M is looking for work
                }
                thieves.hold();
                finish.store(1);
                while (thieves.waiting() == 0) {
                    // until that goroutine's M, out of work, is stealing (held)
                }
                calls.open();
                while (rt.sched.runq.size() != 2) {
                    Gort.current().os.osyield(); // until both calls are back, queued globally (no P idle)
                }
                thieves.release();
                while (back.load() == 0) {
                    // keeps this P busy: only the M that was stealing looks at the global queue
                }
                for (int i = 0; i < 2; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("Gs left in the global queue when the first of two Gs queued there ran again: an M"
                    + " that finds the global queue non-empty under sched.lock, after stealing nothing,"
                    + " takes a batch (globrunqget(pp, 0): one to run, the rest to its local queue)",
                    seen[0], equalTo(0));
            assertThat("Gs on that M's local queue (the rest of the batch)", seen[1], equalTo(1));
        });
    }
}
