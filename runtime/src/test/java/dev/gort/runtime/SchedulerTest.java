package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.gort.runtime.lock.Sema;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduler as a program sees it: goroutines run, park, are readied, reused and spread over Ps. */
class SchedulerTest {

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void everyGoroutineRunsExactlyOnce(int procs) {
        int n = 20_000;
        assertThat(Scenarios.sumOfGoroutines(Goroutines.boot(procs), n), equalTo((long) n * (n + 1) / 2));
    }

    @Test
    void mainGoroutineIsGoroutineOne() {
        Goroutines.run(1, () -> {
            assertThat(Gort.getg().goid(), equalTo(1L));
            assertThat(Gort.getg().readgstatus(), equalTo(G._Grunning));
        });
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void parkAndReadyPingPongDeliversEveryToken(int procs) {
        assertThat(Scenarios.pingPong(Goroutines.boot(procs), 50_000), equalTo(50_000));
    }

    @Test
    void numGoroutineCountsLiveGoroutinesOnly() {
        int[] seen = new int[3];
        Goroutines.run(2, () -> {
            seen[0] = Gort.numGoroutine();
            Sema block = new Sema();
            Sema started = new Sema();
            for (int i = 0; i < 10; i++) {
                Gort.go(() -> {
                    Sema.semrelease(started);
                    Sema.semacquire(block);
                });
            }
            for (int i = 0; i < 10; i++) {
                Sema.semacquire(started);
            }
            seen[1] = Gort.numGoroutine();
            Sema done = new Sema();
            for (int i = 0; i < 10; i++) {
                Sema.semrelease(block);
            }
            Gort.go(() -> Sema.semrelease(done));
            Sema.semacquire(done);
            // The released ones exit in their own time: yield until they have (or give up).
            for (int i = 0; i < 100_000 && Gort.numGoroutine() > 1; i++) {
                Gort.gosched();
            }
            seen[2] = Gort.numGoroutine();
        });
        assertThat("main alone", seen[0], equalTo(1));
        assertThat("main and ten parked", seen[1], equalTo(11));
        assertThat("exited goroutines are not counted: main again", seen[2], equalTo(1));
    }

    @Test
    void unlockfReturningFalseResumesAtOnce() {
        Goroutines.run(1, () -> {
            AtomicInteger calls = new AtomicInteger();
            Gort.gopark((gp, lock) -> {
                calls.incrementAndGet();
                assertThat("unlockf sees the G already waiting", gp.readgstatus(), equalTo(G._Gwaiting));
                return false;
            }, null, WaitReason.SLEEP);
            assertThat(calls.get(), equalTo(1));
            assertThat(Gort.getg().readgstatus(), equalTo(G._Grunning));
        });
    }

    @Test
    void gReuseKeepsAllgsBoundedByThePeakOfLiveGoroutines() {
        int wave = 1_000;
        Gort rt = Goroutines.boot(2);
        Goroutines.run(rt, () -> {
            for (int w = 0; w < 50; w++) {
                AtomicInteger left = new AtomicInteger(wave);
                Sema done = new Sema();
                for (int i = 0; i < wave; i++) {
                    Gort.go(() -> {
                        if (left.decrementAndGet() == 0) {
                            Sema.semrelease(done);
                        }
                    });
                }
                Sema.semacquire(done);
            }
        });
        SchedStats s = rt.stats();
        assertThat("50 waves of 1000 goroutines were created", s.gsCreated(), equalTo(50L * wave + 1));
        assertThat("allgs holds every G ever allocated, so reuse keeps it near one wave (+ main + a"
                + " per-P free cache)", s.allgs(), lessThanOrEqualTo(wave + 1 + 2 * 64));
        assertThat(s.gsReused(), greaterThan(45L * wave));
    }

    @Test
    void theGlobalQueueIsCheckedEvery61TicksEvenWithLocalWork() {
        assertThat("goroutines from the local queue that ran before main came back from the global queue",
                Scenarios.localGoroutinesBeforeTheGlobalQueue(Goroutines.boot(1)), lessThanOrEqualTo(61));
    }

    @Test
    void aPingPongPairAndAHogBothMakeProgressOnOneP() {
        // runnext lets a pair that readies each other share one time slice; sysmon's 10 ms
        // preemption must still let the hog run, and the pair must not be starved by it either.
        AtomicLong pairRounds = new AtomicLong();
        AtomicLong hogRounds = new AtomicLong();
        Goroutines.run(1, () -> {
            AtomicInteger stop = new AtomicInteger();
            Sema ping = new Sema();
            Sema pong = new Sema();
            Sema done = new Sema();
            Gort.go(() -> { // the hog: busy, reaching a preemption point now and then
                while (stop.get() == 0) {
                    hogRounds.incrementAndGet();
                    Gort.checkPreempt();
                }
                Sema.semrelease(done);
            });
            Gort.go(() -> {
                while (stop.get() == 0) {
                    Sema.semacquire(ping);
                    Sema.semrelease(pong);
                }
            });
            while (hogRounds.get() < 1_000 || pairRounds.get() < 1_000) {
                Sema.semrelease(ping);
                Sema.semacquire(pong);
                pairRounds.incrementAndGet();
            }
            stop.set(1);
            Sema.semrelease(ping);
            Sema.semacquire(done);
        });
        assertThat(pairRounds.get(), greaterThanOrEqualTo(1_000L));
        assertThat(hogRounds.get(), greaterThanOrEqualTo(1_000L));
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {2, 3})
    void pGoroutinesRunInParallelOnPDifferentMs(int procs) {
        // Each goroutine waits, spinning, until all have arrived: only possible if they really run
        // at the same time. The spin is bounded so that a failure reports instead of hanging.
        Set<Long> ms = ConcurrentHashMap.newKeySet();
        AtomicInteger arrived = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        Goroutines.run(procs, () -> {
            AtomicInteger left = new AtomicInteger(procs);
            Sema done = new Sema();
            for (int i = 0; i < procs; i++) {
                Gort.go(() -> {
                    ms.add(Gort.getg().m.id);
                    arrived.incrementAndGet();
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    while (arrived.get() < procs) {
                        if (System.nanoTime() > deadline) {
                            timedOut.incrementAndGet();
                            break;
                        }
                        Thread.onSpinWait();
                    }
                    if (left.decrementAndGet() == 0) {
                        Sema.semrelease(done);
                    }
                });
            }
            Sema.semacquire(done);
        });
        assertThat("every goroutine saw all " + procs + " arrive while it spun", timedOut.get(), equalTo(0));
        assertThat("they ran on " + procs + " different Ms", ms.size(), equalTo(procs));
    }

    @Test
    void aBlockingSyscallDoesNotStopOthersAtGomaxprocsOne() {
        // G1 blocks its thread in a "system call"; at GOMAXPROCS=1 the others can only run if sysmon
        // retakes the P from G1's system call and hands it to another M.
        Gort rt = Goroutines.boot(1);
        Scenarios.blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscall(gate::await));
        assertThat("sysmon retook the P and handed it off", rt.stats().handoffs(), greaterThanOrEqualTo(1L));
        assertThat("a second M ran the other goroutines", rt.stats().msStarted(), greaterThanOrEqualTo(3L));
    }

    @Test
    void aKnownBlockingSyscallHandsThePOffAtOnce() {
        Gort rt = Goroutines.boot(1);
        Scenarios.blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscallBlock(gate::await));
        assertThat(rt.stats().handoffs(), greaterThanOrEqualTo(1L));
    }

    @Test
    void shortSyscallsTakeTheirPBack() {
        Gort rt = Goroutines.boot(1);
        Goroutines.run(rt, () -> {
            for (int i = 0; i < 10_000; i++) {
                Gort.syscall(() -> { });
            }
        });
        // Each call takes well under a microsecond and exitsyscall's fast path takes the P back.
        // sysmon retakes a P only from a call it has seen on two rounds (>= 20 us apart), which
        // needs the OS to stall this thread inside a call; allow a few such stalls, not thousands.
        assertThat(rt.stats().handoffs(), lessThanOrEqualTo(20L));
    }

    @Test
    void gomaxprocsOfZeroOrLessOnlyReads() {
        int[] seen = new int[3];
        Goroutines.run(3, () -> {
            seen[0] = Gort.gomaxprocs(0);
            seen[1] = Gort.gomaxprocs(-1);
            seen[2] = Gort.getg().rt.sched.allp().length;
        });
        assertThat(seen, equalTo(new int[] {3, 3, 3}));
    }

    @Test
    void gomaxprocsChangesUnderLoad() {
        Gort rt = Goroutines.boot(2);
        assertThat(Scenarios.gomaxprocsUnderLoad(rt, 10_000), equalTo(new int[] {2, 4, 1, 3}));
        assertThat(rt.sched.allp().length, equalTo(2));
    }

    @Test
    void gomaxprocsGrowthPutsTheNewPsToWork() {
        Set<Long> ms = ConcurrentHashMap.newKeySet();
        Goroutines.run(1, () -> {
            Gort.gomaxprocs(2);
            AtomicInteger arrived = new AtomicInteger();
            Sema done = new Sema();
            Gort.go(() -> {
                ms.add(Gort.getg().m.id);
                arrived.incrementAndGet();
                while (arrived.get() < 2) {
                    Thread.onSpinWait();
                }
                Sema.semrelease(done);
            });
            ms.add(Gort.getg().m.id);
            arrived.incrementAndGet();
            while (arrived.get() < 2) {
                Thread.onSpinWait();
            }
            Sema.semacquire(done);
        });
        assertThat(ms.size(), equalTo(2));
    }

    @Test
    void aMillionParkedGoroutines() {
        int n = 1_000_000;
        AtomicInteger woke = new AtomicInteger();
        Gort rt = Goroutines.boot(2);
        Goroutines.run(rt, () -> {
            Sema[] slots = new Sema[n];
            AtomicInteger parked = new AtomicInteger();
            Sema allParked = new Sema();
            Sema allDone = new Sema();
            for (int i = 0; i < n; i++) {
                Sema s = new Sema();
                slots[i] = s;
                Gort.go(() -> {
                    if (parked.incrementAndGet() == n) {
                        Sema.semrelease(allParked);
                    }
                    Sema.semacquire(s);
                    if (woke.incrementAndGet() == n) {
                        Sema.semrelease(allDone);
                    }
                });
            }
            Sema.semacquire(allParked);
            for (Sema s : slots) {
                Sema.semrelease(s);
            }
            Sema.semacquire(allDone);
        });
        assertThat(woke.get(), equalTo(n));
        assertThat(rt.stats().allgs(), greaterThanOrEqualTo(n));
    }

    @Test
    void severalRuntimesRunSideBySideAndOneDyingLeavesTheOthers() throws Exception {
        Gort dying = Goroutines.boot(1);
        Thread t = new Thread(() -> {
            try {
                dying.run(() -> Gort.gopark(null, null, WaitReason.SELECT_NO_CASES));
            } catch (FatalError expected) {
                // checked below through exiting()
            }
        });
        t.start();
        AtomicLong sum = new AtomicLong();
        Goroutines.run(2, () -> {
            Sema done = new Sema();
            Gort.go(() -> {
                sum.addAndGet(42);
                Sema.semrelease(done);
            });
            Sema.semacquire(done);
        });
        t.join();
        assertThat(sum.get(), equalTo(42L));
        assertThat(dying.exiting(), is(true));
    }
}
