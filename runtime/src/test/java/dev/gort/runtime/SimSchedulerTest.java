package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's behaviours of {@link SchedulerTest} and {@link DeathTest}, on the simulated OS over
 * many seeds: each seed is another interleaving of the Ms, replayable. Scenarios that need real
 * parallelism (goroutines spinning until all have arrived) stay on the real OS only: on one host
 * thread a spin without a scheduling point never ends.
 */
class SimSchedulerTest {

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void everyGoroutineRunsExactlyOnce(int procs) {
        int n = 200;
        SeedSweep.run("every goroutine runs exactly once at GOMAXPROCS=" + procs, seed -> {
            AtomicLong sum = new AtomicLong();
            Goroutines.run(Simulated.boot(procs, seed), () -> {
                AtomicInteger left = new AtomicInteger(n);
                Sema done = new Sema();
                for (int i = 1; i <= n; i++) {
                    int k = i;
                    Gort.go(() -> {
                        sum.addAndGet(k);
                        if (left.decrementAndGet() == 0) {
                            Sema.semrelease(done);
                        }
                    });
                }
                Sema.semacquire(done);
            });
            assertThat(sum.get(), equalTo((long) n * (n + 1) / 2));
        });
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void parkAndReadyPingPongDeliversEveryToken(int procs) {
        int rounds = 200;
        SeedSweep.run("ping-pong at GOMAXPROCS=" + procs, seed -> {
            AtomicInteger pongs = new AtomicInteger();
            Goroutines.run(Simulated.boot(procs, seed), () -> {
                Sema ping = new Sema();
                Sema pong = new Sema();
                Gort.go(() -> {
                    for (int i = 0; i < rounds; i++) {
                        Sema.semacquire(ping);
                        pongs.incrementAndGet();
                        Sema.semrelease(pong);
                    }
                });
                for (int i = 0; i < rounds; i++) {
                    Sema.semrelease(ping);
                    Sema.semacquire(pong);
                }
            });
            assertThat(pongs.get(), equalTo(rounds));
        });
    }

    @Test
    void theGlobalQueueIsCheckedEvery61TicksEvenWithLocalWork() {
        SeedSweep.run("61-tick fairness", seed -> {
            int[] before = new int[1];
            AtomicInteger ran = new AtomicInteger();
            Goroutines.run(Simulated.boot(1, seed), () -> {
                for (int i = 0; i < 200; i++) {
                    Gort.go(ran::incrementAndGet);
                }
                Gort.gosched();
                before[0] = ran.get();
            });
            assertThat(before[0], lessThanOrEqualTo(61));
        });
    }

    @Test
    void aBlockingSyscallDoesNotStopOthersAtGomaxprocsOne() {
        SeedSweep.run("sysmon retakes a P from a blocking syscall", seed -> {
            Gort rt = Simulated.boot(1, seed);
            blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscall(gate::await));
            assertThat("sysmon retook the P", rt.stats().handoffs(), greaterThanOrEqualTo(1L));
            assertThat("a second M ran the other goroutines", rt.stats().msStarted(), greaterThanOrEqualTo(3L));
        });
    }

    @Test
    void aKnownBlockingSyscallHandsThePOffAtOnce() {
        SeedSweep.run("entersyscallblock hands the P off", seed -> {
            Gort rt = Simulated.boot(1, seed);
            blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscallBlock(gate::await));
            assertThat(rt.stats().handoffs(), greaterThanOrEqualTo(1L));
        });
    }

    /** G1 blocks its M in the OS until G2, which can only run on another M, opens the gate. */
    private static void blockUntilAnotherGoroutineRuns(Gort rt, java.util.function.Consumer<Simulated.Gate> call) {
        Simulated.Gate gate = new Simulated.Gate();
        Goroutines.run(rt, () -> {
            Sema started = new Sema();
            Sema done = new Sema();
            Gort.go(() -> {
                Sema.semrelease(started);
                call.accept(gate);
                Sema.semrelease(done);
            });
            Sema.semacquire(started);
            Gort.go(gate::open);
            Sema.semacquire(done);
        });
    }

    @Test
    void gomaxprocsChangesUnderLoad() {
        SeedSweep.run("GOMAXPROCS changes under load", 10, seed -> {
            int[] seen = new int[4];
            Gort rt = Simulated.boot(2, seed);
            Goroutines.run(rt, () -> {
                AtomicInteger stop = new AtomicInteger();
                AtomicInteger left = new AtomicInteger(4);
                Sema done = new Sema();
                for (int i = 0; i < 4; i++) {
                    Gort.go(() -> {
                        while (stop.get() == 0) {
                            Gort.gosched();
                        }
                        if (left.decrementAndGet() == 0) {
                            Sema.semrelease(done);
                        }
                    });
                }
                seen[0] = Gort.gomaxprocs(4);
                seen[1] = Gort.gomaxprocs(1);
                seen[2] = Gort.gomaxprocs(3);
                for (int i = 0; i < 50; i++) {
                    Gort.gosched();
                }
                stop.set(1);
                Sema.semacquire(done);
                seen[3] = Gort.gomaxprocs(2);
            });
            assertThat(seen, equalTo(new int[] {2, 4, 1, 3}));
            assertThat(rt.sched.allp().length, equalTo(2));
        });
    }

    @Test
    void allGoroutinesAsleepIsStillTheRuntimesOwnDeadlock() {
        SeedSweep.run("checkdead fires before the simulator's report", seed -> {
            FatalError e = org.junit.jupiter.api.Assertions.assertThrows(FatalError.class, () ->
                    Simulated.boot(2, seed).run(() -> {
                        Sema never = new Sema();
                        Gort.go(() -> Sema.semacquire(never));
                        Sema.semacquire(never);
                    }));
            assertThat(e.getMessage(), startsWith("all goroutines are asleep - deadlock!"));
        });
    }
}
