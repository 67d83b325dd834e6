package dev.gort.solutions.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.LockRank;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SimOs;
import org.junit.jupiter.api.Test;

/** Exercise mutex: lock2/unlock2 under the simulated OS over seeds, m.locks, Go's throw strings. */
@Exercise("mutex")
class MutexHiddenTest {
    private static final String EXERCISE = "mutex";

    @Test
    @Points(3)
    void mutualExclusionOverManySeeds() {
        Seeds.sweep(1, 15, seed -> {
            long[] counter = new long[1];
            Harness.run(Harness.sim(EXERCISE, 3, seed), () -> {
                Mutex mu = new Mutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 3; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            Mutex.lock(mu);
                            long c = counter[0];
                            point.add(1); // a scheduling point inside the critical section
                            counter[0] = c + 1;
                            Mutex.unlock(mu);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int w = 0; w < 3; w++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("3 Ms x 5 increments, each read-switch-write under the mutex: fewer than 15 means"
                    + " two Ms were inside at once (lock2's CAS/swap must be the only way in)",
                    counter[0], equalTo(15L));
        });
    }

    @Test
    @Points(2)
    void fourMsHammeringOneLockAreNeverInsideTogether() {
        // Short critical sections and many rounds: releases come while the others spin, so Ms race
        // to take a free lock in every phase of lock2 (the active spin's CAS, the passive one's, the
        // swap to MUTEX_SLEEPING that finds it free).
        Seeds.sweep(1, 12, seed -> {
            int[] overlaps = new int[1];
            int[] entries = new int[1];
            Harness.run(Harness.sim(EXERCISE, 4, seed), () -> {
                Mutex mu = new Mutex();
                Uint32 inside = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 4; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 25; i++) {
                            Mutex.lock(mu);
                            if (inside.add(1) != 1) {
                                overlaps[0]++;
                            }
                            entries[0]++;
                            inside.add(-1);
                            Mutex.unlock(mu);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int w = 0; w < 4; w++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("times an M entered the critical section while another was inside (4 Ms x 25"
                    + " rounds): a free lock goes to exactly one M, so every way in must be one atomic"
                    + " step (the xchg, or a CAS from unlocked), never a load then a store", overlaps[0],
                    equalTo(0));
            assertThat("critical sections entered", entries[0], equalTo(100));
        });
    }

    /** The key of a mutex with a sleeper (Go: mutex_sleeping). */
    private static final int MUTEX_SLEEPING = 2;

    /** What one contended lock cost: the waiting M's OS calls, the unlocker's wake-ups, the key seen. */
    private record Contention(long[] waiter, long unlockerWakeups, int keySeen) {
        long waiter(SimOs.Call c) {
            return waiter[c.ordinal()];
        }
    }

    /**
     * Main holds a mutex at GOMAXPROCS=2 while a goroutine on the other M asks for it, and lets go
     * only once that M sleeps on it (or after 5,000 osyields). The simulated machine has
     * {@code ncpu} CPUs: booted at GOMAXPROCS=ncpu, then raised to 2.
     */
    private static Contention contendedLock(long seed, int ncpu) {
        long[] waiter = new long[SimOs.Call.values().length];
        long[] unlocker = new long[1];
        int[] keySeen = new int[1];
        Harness.run(Harness.sim(EXERCISE, ncpu, seed), () -> {
            Gort.gomaxprocs(2);
            Mutex mu = new Mutex();
            Uint32 locked = new Uint32();
            Uint32 started = new Uint32();
            Sema done = new Sema();
            Gort.go(() -> { // started before main holds mu: go takes allglock, ranked below a leaf
                while (locked.load() == 0) {
                    Gort.current().os.osyield();
                }
                started.store(1);
                long[] before = Harness.osCalls();
                Mutex.lock(mu);
                long[] after = Harness.osCalls();
                Mutex.unlock(mu);
                for (SimOs.Call c : SimOs.Call.values()) {
                    waiter[c.ordinal()] = Harness.delta(before, after, c);
                }
                Sema.semrelease(done);
            });
            Mutex.lock(mu);
            locked.store(1);
            // Hold the lock until the waiter (on another M) has gone to sleep on it.
            while (started.load() == 0) {
                Gort.current().os.osyield();
            }
            for (int i = 0; i < 5_000 && mu.key.load() != MUTEX_SLEEPING; i++) {
                Gort.current().os.osyield();
            }
            keySeen[0] = mu.key.load();
            for (int i = 0; i < 200; i++) {
                Gort.current().os.osyield(); // and a while longer: it must stay asleep, not spin
            }
            long[] before = Harness.osCalls();
            Mutex.unlock(mu);
            long[] after = Harness.osCalls();
            unlocker[0] = Harness.delta(before, after, SimOs.Call.FUTEXWAKEUP);
            Sema.semacquire(done);
        });
        return new Contention(waiter, unlocker[0], keySeen[0]);
    }

    @Test
    @Points(2)
    void aContendedLockSpinsBrieflyThenSleepsAndOneUnlockWakesIt() {
        Seeds.sweep(1, 6, seed -> {
            Contention c = contendedLock(seed, 2);
            assertThat("the key while another M waited for a held lock: lock2 must swap in"
                    + " MUTEX_SLEEPING before it futexsleeps, or unlock2 cannot know to wake it",
                    c.keySeen(), equalTo(MUTEX_SLEEPING));
            assertThat("futexsleeps of the waiting M, held off for a long while: a contended runtime mutex"
                    + " blocks its M in the kernel once, until the unlock wakes it (an untimed futexsleep)",
                    c.waiter(SimOs.Call.FUTEXSLEEP), equalTo(1L));
            assertThat("procyields of the waiting M: 4 rounds of active spinning (2 CPUs) before it sleeps;"
                    + " woken, it finds the lock free at once", c.waiter(SimOs.Call.PROCYIELD), equalTo(4L));
            assertThat("osyields of the waiting M: one passive spin after the 4 active ones, then sleep",
                    c.waiter(SimOs.Call.OSYIELD), equalTo(1L));
            assertThat("futexwakeups by the unlock that found a sleeper: exactly one", c.unlockerWakeups(),
                    equalTo(1L));
        });
    }

    @Test
    @Points(1)
    void onOneCpuAContendedLockDoesNotSpinActively() {
        Seeds.sweep(1, 4, seed -> {
            Contention c = contendedLock(seed, 1);
            assertThat("procyields of an M waiting for a held lock on a machine with 1 CPU (ncpu() == 1):"
                    + " the owner cannot run while the waiter spins, so lock2 skips the active spin"
                    + " (spin = ncpu > 1 ? 4 : 0)", c.waiter(SimOs.Call.PROCYIELD), equalTo(0L));
            assertThat("osyields of that M: the passive spin stays (it lets the owner run)",
                    c.waiter(SimOs.Call.OSYIELD), equalTo(1L));
            assertThat("futexsleeps of that M: then it sleeps until the unlock", c.waiter(SimOs.Call.FUTEXSLEEP),
                    equalTo(1L));
        });
    }

    @Test
    @Points(1)
    void threeMsAsleepOnOneLockAreAllWokenInTurn() {
        // Each woken M takes the lock with MUTEX_SLEEPING (others may still sleep), so that its
        // unlock wakes the next one: taking it as MUTEX_LOCKED would strand the rest asleep.
        Seeds.sweep(1, 6, seed -> {
            int[] got = new int[1];
            Harness.run(Harness.sim(EXERCISE, 4, seed), () -> {
                Mutex mu = new Mutex();
                Uint32 locked = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 3; w++) {
                    Gort.go(() -> { // started before main holds mu: go takes allglock, ranked below a leaf
                        while (locked.load() == 0) {
                            Gort.current().os.osyield();
                        }
                        Mutex.lock(mu);
                        got[0]++;
                        Mutex.unlock(mu);
                        Sema.semrelease(done);
                    });
                }
                Mutex.lock(mu);
                locked.store(1);
                for (int i = 0; i < 3_000; i++) {
                    Gort.current().os.osyield(); // long enough for the three to spin and sleep
                }
                Mutex.unlock(mu);
                for (int w = 0; w < 3; w++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("Ms that got the lock after sleeping on it together", got[0], equalTo(3));
        });
    }

    @Test
    @Points(1)
    void anUnlockWakesOneSleeperAndTheOtherSleepsOn() {
        // Two Ms asleep on a held lock; main unlocks once. The first woken holds the lock a while:
        // the other must stay asleep until that M's unlock wakes it, so each waiter sleeps once.
        Seeds.sweep(1, 8, seed -> {
            long[][] waiter = new long[2][SimOs.Call.values().length];
            Harness.run(Harness.sim(EXERCISE, 3, seed), () -> {
                Mutex mu = new Mutex();
                Uint32 locked = new Uint32();
                M[] ms = new M[2];
                long[] sleepsBefore = new long[2];
                Sema done = new Sema();
                for (int w = 0; w < 2; w++) {
                    int me = w;
                    Gort.go(() -> { // started before main holds mu: go takes allglock, ranked below a leaf
                        while (locked.load() == 0) {
                            Gort.current().os.osyield();
                        }
                        long[] before = Harness.osCalls();
                        sleepsBefore[me] = before[SimOs.Call.FUTEXSLEEP.ordinal()];
                        ms[me] = Gort.getg().m;
                        Mutex.lock(mu);
                        long[] after = Harness.osCalls();
                        for (int i = 0; i < 100; i++) {
                            Gort.current().os.osyield(); // hold it a while
                        }
                        Mutex.unlock(mu);
                        for (SimOs.Call c : SimOs.Call.values()) {
                            waiter[me][c.ordinal()] = Harness.delta(before, after, c);
                        }
                        Sema.semrelease(done);
                    });
                }
                Mutex.lock(mu);
                locked.store(1);
                Harness.osyieldUntil(() -> Harness.asleepSince(ms[0], sleepsBefore[0])
                        && Harness.asleepSince(ms[1], sleepsBefore[1]), 10_000);
                Mutex.unlock(mu);
                Sema.semacquire(done);
                Sema.semacquire(done);
            });
            for (long[] w : waiter) {
                assertThat("futexsleeps of each of two Ms that slept on one lock: unlock2 wakes one sleeper"
                        + " (futexwakeup(key, 1)); the other stays asleep until the next unlock wakes"
                        + " it, instead of waking to spin and sleep again", w[SimOs.Call.FUTEXSLEEP.ordinal()],
                        equalTo(1L));
                assertThat("procyields of each of those Ms: 4 before it slept, none after it was woken to"
                        + " a free lock", w[SimOs.Call.PROCYIELD.ordinal()], equalTo(4L));
            }
        });
    }

    @Test
    @Points(1)
    void anUncontendedLockAndUnlockMakeNoSystemCall() {
        long[] calls = new long[SimOs.Call.values().length];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            Mutex mu = new Mutex();
            long[] before = Harness.osCalls();
            for (int i = 0; i < 50; i++) {
                Mutex.lock(mu);
                Mutex.unlock(mu);
            }
            long[] after = Harness.osCalls();
            for (SimOs.Call c : SimOs.Call.values()) {
                calls[c.ordinal()] = Harness.delta(before, after, c);
            }
        });
        for (SimOs.Call c : SimOs.Call.values()) {
            assertThat(c + " calls in 50 uncontended lock/unlock pairs: the fast path is one swap each way",
                    calls[c.ordinal()], equalTo(0L));
        }
    }

    @Test
    @Points(1)
    void unlockOfAnUnlockedLockThrowsGosMessage() {
        FatalError e = Harness.death(EXERCISE, () -> Mutex.unlock(new Mutex()));
        assertThat("unlock2 swaps in unlocked: finding it already unlocked is a broken invariant",
                e.getMessage(), equalTo("unlock of unlocked lock"));
    }

    @Test
    @Points(1)
    void mLocksCountsTheLocksHeld() {
        int[] locks = new int[3];
        Harness.run(Harness.boot(EXERCISE, 1), () -> {
            // Ranked as sched.lock and allglock, which Go takes in this order (unranked locks are
            // leaves: holding one while taking another is a lock ordering problem).
            Mutex a = new Mutex(LockRank.SCHED, "a");
            Mutex b = new Mutex(LockRank.ALLG, "b");
            Mutex.lock(a);
            Mutex.lock(b);
            locks[0] = Gort.getg().m.locks;
            Mutex.unlock(b);
            locks[1] = Gort.getg().m.locks;
            Mutex.unlock(a);
            locks[2] = Gort.getg().m.locks;
        });
        assertThat("m.locks holding two runtime locks: lock2 counts each (m.locks++) so that the"
                + " scheduler never parks or preempts an M holding one", locks[0], equalTo(2));
        assertThat("after one unlock", locks[1], equalTo(1));
        assertThat("after both (unlock2 does m.locks--)", locks[2], equalTo(0));
    }

    @Test
    @Points(1)
    void parkingWhileHoldingALockThrowsGosMessage() {
        FatalError e = Harness.death(EXERCISE, () -> {
            Mutex.lock(new Mutex());
            Gort.gopark(null, null, WaitReason.SLEEP);
        });
        assertThat("a G that parks holding a runtime lock would block every M that wants it: schedule"
                + " checks m.locks, which lock2 must have counted", e.getMessage(),
                equalTo("schedule: holding locks"));
    }
}
