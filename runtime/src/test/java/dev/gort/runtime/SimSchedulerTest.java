package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
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
        SeedSweep.run("every goroutine runs exactly once at GOMAXPROCS=" + procs, seed ->
                assertThat(Scenarios.sumOfGoroutines(Simulated.boot(procs, seed), n), equalTo((long) n * (n + 1) / 2)));
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void parkAndReadyPingPongDeliversEveryToken(int procs) {
        SeedSweep.run("ping-pong at GOMAXPROCS=" + procs, seed ->
                assertThat(Scenarios.pingPong(Simulated.boot(procs, seed), 200), equalTo(200)));
    }

    @Test
    void theGlobalQueueIsCheckedEvery61TicksEvenWithLocalWork() {
        SeedSweep.run("61-tick fairness", seed ->
                assertThat(Scenarios.localGoroutinesBeforeTheGlobalQueue(Simulated.boot(1, seed)), lessThanOrEqualTo(61)));
    }

    @Test
    void aBlockingSyscallDoesNotStopOthersAtGomaxprocsOne() {
        SeedSweep.run("sysmon retakes a P from a blocking syscall", seed -> {
            Gort rt = Simulated.boot(1, seed);
            Scenarios.blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscall(gate::await));
            assertThat("sysmon retook the P", rt.stats().handoffs(), greaterThanOrEqualTo(1L));
            assertThat("a second M ran the other goroutines", rt.stats().msStarted(), greaterThanOrEqualTo(3L));
        });
    }

    @Test
    void aKnownBlockingSyscallHandsThePOffAtOnce() {
        SeedSweep.run("entersyscallblock hands the P off", seed -> {
            Gort rt = Simulated.boot(1, seed);
            Scenarios.blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscallBlock(gate::await));
            assertThat(rt.stats().handoffs(), greaterThanOrEqualTo(1L));
        });
    }

    @Test
    void gomaxprocsChangesUnderLoad() {
        SeedSweep.run("GOMAXPROCS changes under load", 10, seed -> {
            Gort rt = Simulated.boot(2, seed);
            assertThat(Scenarios.gomaxprocsUnderLoad(rt, 50), equalTo(new int[] {2, 4, 1, 3}));
            assertThat(rt.sched.allp().length, equalTo(2));
        });
    }

    /**
     * Go dropped its 1024 cap on GOMAXPROCS in 1.10, and so does gort. To get goroutines onto Ps
     * beyond 1024, 1030 of them block their M and P at once on a runtime mutex that main holds
     * (a mutex blocks G, M and P, so each needs a P of its own); then each sleeps, leaving a
     * timer in its P's heap, and main shrinks GOMAXPROCS to 3, which moves those timers.
     */
    @Test
    void gomaxprocsHasNoUpperLimit() {
        SeedSweep.run("GOMAXPROCS 2 -> 1040 -> 3", 1, seed -> {
            Gort rt = Simulated.boot(2, seed);
            int n = 1030;
            java.util.concurrent.atomic.AtomicInteger highest = new java.util.concurrent.atomic.AtomicInteger();
            int[] seen = new int[2];
            Goroutines.run(rt, () -> {
                seen[0] = Gort.gomaxprocs(n + 10);
                dev.gort.runtime.lock.Mutex gate = new dev.gort.runtime.lock.Mutex(
                        dev.gort.runtime.lock.LockRank.TEST_R, "gate"); // sched.lock may follow it
                dev.gort.runtime.atomic.Int32 arrived = new dev.gort.runtime.atomic.Int32();
                Sema done = new Sema();
                dev.gort.runtime.lock.Mutex.lock(gate);
                for (int i = 0; i < n; i++) {
                    Gort.go(() -> {
                        arrived.add(1);
                        dev.gort.runtime.lock.Mutex.lock(gate); // blocks this M with its P
                        dev.gort.runtime.lock.Mutex.unlock(gate);
                        highest.accumulateAndGet(Gort.getg().m.p.id, Math::max);
                        Gort.sleep(1_000_000); // a timer in this P's heap
                        Sema.semrelease(done);
                    });
                }
                while (arrived.load() < n) {
                    // main keeps P0 and the lock until every goroutine holds a P of its own
                }
                dev.gort.runtime.lock.Mutex.unlock(gate);
                Gort.sleep(200_000); // they are asleep now, their timers spread over the Ps
                seen[1] = Gort.gomaxprocs(3); // destroys 1037 Ps: their timers and free Gs move
                for (int i = 0; i < n; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat(seen, equalTo(new int[] {2, n + 10}));
            assertThat("goroutines ran on Ps beyond the old cap", highest.get(), greaterThanOrEqualTo(1024));
            assertThat(rt.sched.allp().length, equalTo(3));
            assertThat(rt.sched.allpAll().length, equalTo(n + 10));
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
