package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.Exploration;
import dev.gort.runtime.os.SeedSweep;
import dev.gort.runtime.trace.TraceEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated OS: deterministic replay, virtual time, and its reports of stuck runs. */
class SimOsTest {

    /** A workload with parks, readies, yields, steals and new goroutines on 3 Ps; returns its trace digest. */
    private static long traceDigest(long seed, Exploration exploration) {
        Gort rt = workload(seed, exploration, true);
        List<TraceEvent> events = rt.tracer().events();
        assertThat("the workload was traced", events.size(), greaterThan(100));
        long h = 0xcbf29ce484222325L;
        for (TraceEvent e : events) {
            h = (h ^ e.hashCode()) * 0x100000001b3L;
        }
        return h ^ Simulated.os(rt).scheduleDigest();
    }

    /** Runs the workload on a runtime booted with this seed and returns the runtime. */
    private static Gort workload(long seed, Exploration exploration, boolean tracing) {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(3).stderr(Goroutines.quiet()).tracing(tracing)
                .simulated(seed).exploration(exploration));
        Goroutines.run(rt, () -> {
            Sema ping = new Sema();
            Sema pong = new Sema();
            Sema done = new Sema();
            Gort.go(() -> {
                for (int i = 0; i < 30; i++) {
                    Sema.semacquire(ping);
                    Sema.semrelease(pong);
                }
            });
            for (int w = 0; w < 4; w++) {
                Gort.go(() -> {
                    Gort.gosched();
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < 30; i++) {
                Sema.semrelease(ping);
                Sema.semacquire(pong);
            }
            for (int w = 0; w < 4; w++) {
                Sema.semacquire(done);
            }
        });
        return rt;
    }

    @Test
    void tracingDoesNotChangeTheRunOfASeed() {
        // ./workbook replay traces the failing seed: the traced run must be the run that failed.
        for (long seed = 1; seed <= 5; seed++) {
            long traced = Simulated.os(workload(seed, Exploration.RANDOM, true)).scheduleDigest();
            long plain = Simulated.os(workload(seed, Exploration.RANDOM, false)).scheduleDigest();
            assertThat("seed " + seed + ": the interleaving with tracing on", traced, equalTo(plain));
        }
    }

    @Test
    void theSameSeedGivesTheSameRunAndOtherSeedsOtherRuns() {
        for (Exploration x : List.of(Exploration.RANDOM, Exploration.pct(3, 2_000))) {
            Set<Long> digests = new HashSet<>();
            for (long seed = 1; seed <= 5; seed++) {
                long first = traceDigest(seed, x);
                assertThat("seed " + seed + " (" + x + ") replays exactly", traceDigest(seed, x), equalTo(first));
                digests.add(first);
            }
            assertThat("5 seeds (" + x + ") gave different interleavings", digests.size(), greaterThan(1));
        }
    }

    @Test
    void notetsleepTimesOutInVirtualTime() {
        Gort rt = Simulated.boot(1, 7);
        long[] slept = new long[1];
        boolean[] woken = new boolean[1];
        Goroutines.run(rt, () -> {
            long t0 = rt.os.nanotime();
            woken[0] = Note.notetsleepg(new Note(), 1_000_000);
            slept[0] = rt.os.nanotime() - t0;
        });
        assertThat("nobody woke the note", woken[0], is(false));
        assertThat("virtual time passed the 1 ms timeout", slept[0], greaterThanOrEqualTo(1_000_000L));
    }

    /**
     * With lock checks off: with them on, taking a second unranked (leaf) lock is already a lock
     * ordering problem (LockRankTest), before the Ms can deadlock.
     */
    @Test
    void twoMsTakingEachOthersMutexAreReportedWithTheirMutexesAndGoroutines() {
        Config unchecked = Config.defaults().gomaxprocs(2).stderr(Goroutines.quiet()).simulated(3)
                .checkLocks(false);
        FatalError e = assertThrows(FatalError.class, () -> Gort.boot(unchecked).run(() -> {
            Mutex a = new Mutex();
            Mutex b = new Mutex();
            Uint32 holding = new Uint32();
            Gort.go(() -> lockBoth(b, a, holding));
            lockBoth(a, b, holding);
        }));
        assertThat(e.getMessage(), startsWith("simulation: all Ms are blocked"));
        assertThat(e.output(), startsWith("fatal error: simulation: all Ms are blocked"));
        assertThat("both mutexes are named", e.output(), containsString("runtime mutex Mutex#1"));
        assertThat(e.output(), containsString("runtime mutex Mutex#2"));
        assertThat("main's M shows its G", e.output(), containsString("curg: goroutine 1 [running]"));
        assertThat("the other M shows its G", e.output(), containsString("curg: goroutine 2"));
        assertThat("the stacks lead to the test", e.output(), containsString("SimOsTest.lockBoth"));
        assertThat("the last OS events show an M going to sleep on a mutex", e.output(),
                containsString("futexsleep on runtime mutex Mutex#"));
    }

    @Test
    void aSweepThatDiesShowsTheSimulatorsReportUnderTheSeed() {
        AssertionError e = assertThrows(AssertionError.class, () -> SeedSweep.run("two mutexes", 3,
                seed -> Gort.boot(Config.defaults().gomaxprocs(2).stderr(Goroutines.quiet()).simulated(seed)
                        .checkLocks(false)).run(() -> { // the deadlock itself, not the rank check
                    Mutex a = new Mutex();
                    Mutex b = new Mutex();
                    Uint32 holding = new Uint32();
                    Gort.go(() -> lockBoth(b, a, holding));
                    lockBoth(a, b, holding);
                })));
        assertThat(e.getMessage(), containsString("replay: "));
        assertThat("the report follows the replay line", e.getMessage(), containsString(
                "What the runtime printed as it died:\nfatal error: simulation: all Ms are blocked"));
        assertThat(e.getMessage(), containsString("curg: goroutine 2"));
        assertThat(e.getMessage(), containsString("last OS events (oldest first):"));
    }

    /** Takes first, waits until both goroutines hold their first mutex, then takes second. */
    private static void lockBoth(Mutex first, Mutex second, Uint32 holding) {
        Mutex.lock(first);
        holding.add(1);
        while (holding.load() < 2) {
            Gort.current().os.osyield();
        }
        Mutex.lock(second);
    }

    @Test
    void aRunThatNeverEndsIsReportedAsALivelock() {
        FatalError e = assertThrows(FatalError.class, () -> Gort.boot(Config.defaults().gomaxprocs(1)
                .stderr(Goroutines.quiet()).simulated(1).stepBudget(20_000)).run(() -> {
                    Uint32 never = new Uint32();
                    while (never.load() == 0) {
                        Gort.current().os.osyield();
                    }
                }));
        assertThat(e.getMessage(), startsWith("simulation: step budget exceeded (livelock?)"));
        assertThat(e.output(), containsString("curg: goroutine 1 [running]"));
    }

    @Test
    void theRuntimeMutexExcludesOverManySeeds() {
        SeedSweep.run("runtime mutex exclusion", seed -> {
            int[] counter = new int[1];
            Goroutines.run(Simulated.boot(3, seed), () -> {
                Mutex l = new Mutex();
                incrementConcurrently(3, 20, counter, () -> Mutex.lock(l), () -> Mutex.unlock(l));
            });
            assertThat(counter[0], equalTo(3 * 20));
        });
    }

    /**
     * {@code goroutines} goroutines each add 1 to counter {@code times} times, between lock and
     * unlock, with a scheduling point (an atomic operation) between the read and the write.
     */
    private static void incrementConcurrently(int goroutines, int times, int[] counter, Runnable lock,
                                              Runnable unlock) {
        Sema done = new Sema();
        Uint32 point = new Uint32();
        for (int g = 0; g < goroutines; g++) {
            Gort.go(() -> {
                for (int i = 0; i < times; i++) {
                    lock.run();
                    int v = counter[0];
                    point.add(1); // another M may run here
                    counter[0] = v + 1;
                    unlock.run();
                }
                Sema.semrelease(done);
            });
        }
        for (int g = 0; g < goroutines; g++) {
            Sema.semacquire(done);
        }
    }

    @Test
    void theSweepNamesTheFirstFailingSeedAndHowToReplayIt() {
        AssertionError e = assertThrows(AssertionError.class, () -> SeedSweep.run("unlocked counter", 50,
                seed -> {
                    int[] counter = new int[1];
                    Goroutines.run(Simulated.boot(2, seed), () ->
                            incrementConcurrently(2, 1, counter, () -> { }, () -> { }));
                    assertThat("lost updates", counter[0], equalTo(2));
                }));
        assertThat(e.getMessage(), startsWith("unlocked counter failed at seed "));
        long seed = Long.parseLong(e.getMessage().replaceAll("(?s)^unlocked counter failed at seed (\\d+) .*", "$1"));
        assertThat(e.getMessage(), containsString("replay: ./workbook test -Dtest=SimOsTest#"
                + "theSweepNamesTheFirstFailingSeedAndHowToReplayIt -Dgort.seed=" + seed + " -Dgort.seeds=1"));
        assertThat(e.getCause().getMessage(), containsString("lost updates"));
    }
}
