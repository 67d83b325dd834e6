package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
import dev.gort.runtime.os.SimOs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timers and sleeping: Go's time.Sleep and time.AfterFunc on gort's per-P timer heaps, the idle M
 * that waits for the next timer, sysmon's back-off, and checkdead's view of a pending timer. On
 * the simulated OS over seeds (virtual time: a 20 ms sleep takes no wall time), and a few on the
 * real OS.
 */
class TimerTest {
    static final long MS = 1_000_000L;

    // ---- sleeping ----

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void aSleepNeverEndsEarly(int procs) {
        SeedSweep.run("a sleep lasts at least its duration at GOMAXPROCS=" + procs, seed -> {
            long[] slept = new long[8];
            Goroutines.run(Simulated.boot(procs, seed), () -> {
                Sema done = new Sema();
                for (int i = 0; i < slept.length; i++) {
                    int k = i;
                    Gort.go(() -> {
                        long start = Gort.nanotime();
                        Gort.sleep((k + 1) * MS);
                        slept[k] = Gort.nanotime() - start;
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < slept.length; i++) {
                    Sema.semacquire(done);
                }
            });
            for (int k = 0; k < slept.length; k++) {
                assertThat("goroutine " + k + " slept " + (k + 1) + " ms", slept[k],
                        greaterThanOrEqualTo((k + 1) * MS));
                assertThat("and was woken soon after (virtual time)", slept[k], lessThan((k + 2) * MS));
            }
        });
    }

    @Test
    void aSleepingGoroutineWaitsWithWaitReasonSleep() {
        SeedSweep.run("a sleeper is _Gwaiting [sleep]", seed -> {
            String[] seen = new String[1];
            Goroutines.run(Simulated.boot(2, seed), () -> {
                G[] sleeper = new G[1];
                Sema started = new Sema();
                Gort.go(() -> {
                    sleeper[0] = Gort.getg();
                    Sema.semrelease(started);
                    Gort.sleep(5 * MS);
                });
                Sema.semacquire(started);
                while (sleeper[0].readgstatus() != G._Gwaiting) {
                    Gort.gosched();
                }
                seen[0] = sleeper[0].toString();
            });
            assertThat(seen[0], startsWith("goroutine "));
            assertThat(seen[0].substring(seen[0].indexOf('[')), equalTo("[sleep]"));
        });
    }

    /** A ring of n goroutines passes a token round; each sleeps 1 ms before passing it on. */
    static long sleepingRing(Gort rt, int n, int laps, AtomicInteger hops) {
        long[] elapsed = new long[1];
        Goroutines.run(rt, () -> {
            Sema[] token = new Sema[n];
            for (int i = 0; i < n; i++) {
                token[i] = new Sema();
            }
            Sema done = new Sema();
            for (int i = 0; i < n; i++) {
                int k = i;
                Gort.go(() -> {
                    for (int lap = 0; lap < laps; lap++) {
                        Sema.semacquire(token[k]);
                        Gort.sleep(MS);
                        hops.incrementAndGet();
                        Sema.semrelease(k == n - 1 ? done : token[k + 1]);
                    }
                });
            }
            long start = Gort.nanotime();
            for (int lap = 0; lap < laps; lap++) {
                Sema.semrelease(token[0]);
                Sema.semacquire(done);
            }
            elapsed[0] = Gort.nanotime() - start;
        });
        return elapsed[0];
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 3})
    void aSleepingRingPassesTheTokenRoundAndTakesAtLeastAMillisecondAHop(int procs) {
        SeedSweep.run("a ring of sleepers at GOMAXPROCS=" + procs, 10, seed -> {
            AtomicInteger hops = new AtomicInteger();
            long elapsed = sleepingRing(Simulated.boot(procs, seed), 10, 3, hops);
            assertThat(hops.get(), equalTo(30));
            assertThat("30 hops of 1 ms each, one after the other", elapsed, greaterThanOrEqualTo(30 * MS));
            assertThat("and no hop waited for much more than its timer", elapsed, lessThan(40 * MS));
        });
    }

    @Test
    void aSleepingRingOnTheRealOs() {
        AtomicInteger hops = new AtomicInteger();
        long elapsed = sleepingRing(Goroutines.boot(2), 8, 2, hops);
        assertThat(hops.get(), equalTo(16));
        assertThat(elapsed, greaterThanOrEqualTo(16 * MS));
    }

    @Test
    void sleepersOnAPThatGomaxprocsRemovesStillWake() {
        AtomicInteger seedsWithMovedTimers = new AtomicInteger();
        SeedSweep.run("procresize moves a destroyed P's timers", 10, seed -> {
            AtomicInteger woke = new AtomicInteger();
            AtomicInteger onRemovedPs = new AtomicInteger();
            Goroutines.run(Simulated.boot(4, seed), () -> {
                Sema done = new Sema();
                for (int i = 0; i < 12; i++) {
                    Gort.go(() -> {
                        if (Gort.getg().m.p.id != 0) {
                            onRemovedPs.incrementAndGet(); // its timer goes into a P that goes away
                        }
                        Gort.sleep(3 * MS);
                        woke.incrementAndGet();
                        Sema.semrelease(done);
                    });
                }
                Gort.sleep(MS); // every sleeper is parked now, its timer in its P's heap
                Gort.gomaxprocs(1);
                for (int i = 0; i < 12; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat(woke.get(), equalTo(12));
            if (onRemovedPs.get() > 0) {
                seedsWithMovedTimers.incrementAndGet();
            }
        });
        assertThat("some seeds put sleepers on P1..P3", seedsWithMovedTimers.get(), greaterThan(0));
    }

    // ---- fairness: a timer fires while goroutines hammer each other (Go: TestTimerFairness) ----

    /**
     * Two goroutines hand a token back and forth as fast as they can (each hand-off readies the
     * other into runnext, inheriting the time slice); main sleeps 20 ms meanwhile, then stops them.
     * With {@code syscalls} the hammering goroutines also make a system call each round (Go's
     * TestTimerFairness2). Returns how many hand-offs happened.
     */
    static long hammerWhileATimerIsDue(Gort rt, boolean syscalls) {
        AtomicLong rounds = new AtomicLong();
        Goroutines.run(rt, () -> {
            AtomicInteger stop = new AtomicInteger();
            Sema ping = new Sema();
            Sema pong = new Sema();
            Sema done = new Sema();
            Gort.go(() -> {
                while (stop.get() == 0) {
                    Sema.semrelease(ping);
                    Sema.semacquire(pong);
                    if (syscalls) {
                        Gort.syscall(() -> { });
                    }
                    rounds.incrementAndGet();
                }
                Sema.semrelease(ping);
                Sema.semrelease(done);
            });
            Gort.go(() -> {
                while (stop.get() == 0) {
                    Sema.semacquire(ping);
                    if (syscalls) {
                        Gort.syscall(() -> { });
                    }
                    Sema.semrelease(pong);
                }
                Sema.semrelease(pong);
                Sema.semrelease(done);
            });
            Gort.sleep(20 * MS);
            stop.set(1);
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
        return rounds.get();
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void aTimerFiresWhileGoroutinesHammerEachOther(int procs) {
        SeedSweep.run("TestTimerFairness at GOMAXPROCS=" + procs, 5, seed ->
                assertThat(hammerWhileATimerIsDue(Simulated.boot(procs, seed), false), greaterThan(0L)));
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void aTimerFiresWhileGoroutinesHammerEachOtherThroughSystemCalls(int procs) {
        SeedSweep.run("TestTimerFairness2 at GOMAXPROCS=" + procs, 5, seed ->
                assertThat(hammerWhileATimerIsDue(Simulated.boot(procs, seed), true), greaterThan(0L)));
    }

    @Test
    void aTimerFiresWhileGoroutinesHammerEachOtherOnTheRealOs() {
        assertThat(hammerWhileATimerIsDue(Goroutines.boot(1), false), greaterThan(0L));
    }

    // ---- deadlock detection ----

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void aPendingTimerIsNotADeadlock(int procs) {
        SeedSweep.run("no deadlock while main sleeps beside a blocked goroutine at GOMAXPROCS=" + procs, seed -> {
            long[] slept = new long[1];
            Goroutines.run(Simulated.boot(procs, seed), () -> {
                Sema never = new Sema();
                Gort.go(() -> Sema.semacquire(never)); // blocked for good
                long start = Gort.nanotime();
                Gort.sleep(50 * MS);
                slept[0] = Gort.nanotime() - start;
            });
            assertThat(slept[0], greaterThanOrEqualTo(50 * MS));
        });
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void onceTheLastTimerHasFiredABlockedProgramIsADeadlock(int procs) {
        SeedSweep.run("deadlock after the last sleep at GOMAXPROCS=" + procs, seed -> {
            FatalError e = assertThrows(FatalError.class, () -> Simulated.boot(procs, seed).run(() -> {
                Sema never = new Sema();
                Gort.go(() -> {
                    Gort.sleep(2 * MS);
                    Sema.semacquire(never);
                });
                Gort.sleep(MS);
                Sema.semacquire(never);
            }));
            assertThat(e.getMessage(), startsWith("all goroutines are asleep - deadlock!"));
        });
    }

    @Test
    void aStoppedTimerDoesNotHideADeadlock() {
        SeedSweep.run("a stopped AfterFunc timer is no pending timer", seed -> {
            FatalError e = assertThrows(FatalError.class, () -> Simulated.boot(2, seed).run(() -> {
                Timer t = Gort.afterFunc(10_000 * MS, () -> { });
                t.stop();
                Sema.semacquire(new Sema());
            }));
            assertThat(e.getMessage(), startsWith("all goroutines are asleep - deadlock!"));
        });
    }

    @Test
    void onTheRealOsToo() {
        FatalError e = Goroutines.death(2, () -> {
            Gort.sleep(MS);
            Sema.semacquire(new Sema());
        });
        assertThat(e.getMessage(), startsWith("all goroutines are asleep - deadlock!"));
        Goroutines.run(2, () -> {
            Gort.go(() -> Sema.semacquire(new Sema()));
            Gort.sleep(5 * MS);
        });
    }

    // ---- AfterFunc ----

    @Test
    void afterFuncStartsItsFunctionOnceInANewGoroutine() {
        SeedSweep.run("AfterFunc fires once, after its time", seed -> {
            List<Long> fired = new ArrayList<>();
            boolean[] results = new boolean[3];
            Goroutines.run(Simulated.boot(2, seed), () -> {
                Sema done = new Sema();
                long start = Gort.nanotime();
                long mainGoid = Gort.getg().goid();
                Timer t = Gort.afterFunc(4 * MS, () -> {
                    fired.add(Gort.nanotime() - start);
                    assertThat("a goroutine of its own", Gort.getg().goid(), greaterThan(mainGoid));
                    Sema.semrelease(done);
                });
                Sema.semacquire(done);
                results[0] = t.stop(); // already fired: false
                results[1] = t.reset(2 * MS); // re-armed; it was not pending: false
                Sema.semacquire(done);
                Gort.sleep(5 * MS);
            });
            assertThat(fired.size(), equalTo(2));
            assertThat(fired.get(0), greaterThanOrEqualTo(4 * MS));
            assertThat(results[0], equalTo(false));
            assertThat(results[1], equalTo(false));
        });
    }

    @Test
    void aStoppedOrMovedAfterFuncRunsOnlyAtItsLastTime() {
        SeedSweep.run("Stop and Reset before firing", seed -> {
            AtomicInteger a = new AtomicInteger();
            AtomicLong bAt = new AtomicLong();
            boolean[] results = new boolean[2];
            long[] start = new long[1];
            Goroutines.run(Simulated.boot(2, seed), () -> {
                start[0] = Gort.nanotime();
                Timer ta = Gort.afterFunc(2 * MS, a::incrementAndGet);
                Timer tb = Gort.afterFunc(1 * MS, () -> bAt.set(Gort.nanotime()));
                results[0] = ta.stop();       // pending: true
                results[1] = tb.reset(6 * MS); // pending: true; now fires at +6 ms
                Gort.sleep(10 * MS);
            });
            assertThat("a stopped timer never fires", a.get(), equalTo(0));
            assertThat(results[0], equalTo(true));
            assertThat(results[1], equalTo(true));
            assertThat("a moved timer fires at its new time", bAt.get() - start[0], greaterThanOrEqualTo(6 * MS));
        });
    }

    @Test
    void manyTimersFireInOrderOfTheirDeadlines() {
        SeedSweep.run("the 4-ary heap orders 200 timers", 5, seed -> {
            int n = 200;
            long[] ranAt = new long[n];
            long[] base = new long[1];
            Goroutines.run(Simulated.boot(1, seed), () -> {
                Sema done = new Sema();
                base[0] = Gort.nanotime() + 10 * MS; // timer k is due at base + k ms
                for (int i = 0; i < n; i++) {
                    int k = (i * 73) % n; // armed in a scrambled order
                    Gort.afterFunc(base[0] + k * MS - Gort.nanotime(), () -> {
                        ranAt[k] = Gort.nanotime();
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < n; i++) {
                    Sema.semacquire(done);
                }
            });
            for (int k = 0; k < n; k++) {
                long due = base[0] + k * MS;
                assertThat("timer " + k + " fired at its time", ranAt[k], greaterThanOrEqualTo(due));
                assertThat("and before the next one's", ranAt[k], lessThan(due + MS));
            }
        });
    }

    // ---- sysmon ----

    @Test
    void sysmonBacksOffFrom20MicrosecondsTo10Milliseconds() {
        long delay = 0;
        List<Long> seen = new ArrayList<>();
        for (int idle = 0; idle < 70; idle++) {
            delay = dev.gort.runtime.sched.Sysmon.nextDelay(idle, delay);
            seen.add(delay);
        }
        assertThat(seen.get(0), equalTo(20L));
        assertThat("the first 50 idle rounds stay at 20 us", seen.get(50), equalTo(20L));
        assertThat(seen.get(51), equalTo(40L));
        assertThat(seen.get(52), equalTo(80L));
        assertThat("then doubling up to the 10 ms cap", seen.get(69), equalTo(10_000L));
        assertThat(dev.gort.runtime.sched.Sysmon.nextDelay(0, 10_000L), equalTo(20L));
    }

    @Test
    void aBusyProgramMakesSysmonSleepLongerAndLonger() {
        SeedSweep.run("sysmon's back-off in virtual time", 5, seed -> {
            Gort rt = Simulated.boot(1, seed);
            Goroutines.run(rt, () -> {
                long end = Gort.nanotime() + 100 * MS;
                while (Gort.nanotime() < end) {
                    // busy: the P stays running, so sysmon keeps watching
                }
            });
            long ticks = Simulated.os(rt).calls(sysmonM(rt), SimOs.Call.USLEEP);
            // 100 ms at 20 us a round would be 5000 rounds; backing off it takes about 50 rounds
            // of 20 us, 9 doubling ones, then 10 ms each.
            assertThat(ticks, greaterThan(50L));
            assertThat(ticks, lessThan(80L));
        });
    }

    @Test
    void anIdleProgramWithATimerLetsSysmonSleepUntilIt() {
        SeedSweep.run("sysmon sleeps until the next timer when every P is idle", 5, seed -> {
            Gort rt = Simulated.boot(2, seed);
            Goroutines.run(rt, () -> Gort.sleep(1_000 * MS));
            long ticks = Simulated.os(rt).calls(sysmonM(rt), SimOs.Call.USLEEP);
            assertThat("a second asleep costs sysmon a few rounds, not 50 000", ticks, lessThan(200L));
        });
    }

    private static M sysmonM(Gort rt) {
        for (M mp = rt.sched.allm(); mp != null; mp = mp.alllink) {
            if (mp.system) {
                return mp;
            }
        }
        throw new AssertionError("no sysmon M");
    }
}
