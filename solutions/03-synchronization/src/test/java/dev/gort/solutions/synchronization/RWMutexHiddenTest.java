package dev.gort.solutions.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.RWMutex;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SimOs;
import org.junit.jupiter.api.Test;

/** Exercise rwmutex: writers exclusive, readers shared, over seeds; Go's throw strings for misuse. */
@Exercise("rwmutex")
class RWMutexHiddenTest {
    private static final String EXERCISE = "rwmutex";

    @Test
    @Points(3)
    void writersExcludeEveryoneAndReadersNeverSeeAHalfWrite() {
        Seeds.sweep(1, 15, seed -> {
            long[] state = new long[2];
            int[] torn = new int[1];
            Harness.run(Harness.sim(EXERCISE, 3, seed), () -> {
                RWMutex rw = new RWMutex();
                Uint32 point = new Uint32();
                Sema done = new Sema();
                for (int w = 0; w < 2; w++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            RWMutex.lock(rw);
                            long a = state[0];
                            point.add(1); // a scheduling point inside the write section
                            state[0] = a + 1;
                            state[1]++;
                            RWMutex.unlock(rw);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int r = 0; r < 2; r++) {
                    Gort.go(() -> {
                        for (int i = 0; i < 5; i++) {
                            RWMutex.rlock(rw);
                            long a = state[0];
                            point.add(1);
                            if (a != state[1]) {
                                torn[0]++;
                            }
                            RWMutex.runlock(rw);
                        }
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 4; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("2 writers x 5 writes: fewer means two writers were inside at once (wLock)",
                    state[0], equalTo(10L));
            assertThat("reads that saw a write half done: a writer must wait for the readers already in"
                    + " (readerWait) and keep new ones out (readerCount negative)", torn[0], equalTo(0));
        });
    }

    @Test
    @Points(2)
    void readersShareTheLock() {
        Seeds.sweep(1, 8, seed -> {
            boolean[] both = new boolean[2];
            Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
                RWMutex rw = new RWMutex();
                Uint32 inside = new Uint32();
                Sema done = new Sema();
                for (int r = 0; r < 2; r++) {
                    int me = r;
                    Gort.go(() -> {
                        RWMutex.rlock(rw);
                        inside.add(1);
                        for (int spin = 0; spin < 2_000 && inside.load() < 2; spin++) {
                            Gort.getg(); // wait, inside the read section, for the other reader
                        }
                        both[me] = inside.load() == 2;
                        RWMutex.runlock(rw);
                        Sema.semrelease(done);
                    });
                }
                Sema.semacquire(done);
                Sema.semacquire(done);
            });
            assertThat("two readers on two Ps were inside the read section together: rlock only adds 1"
                    + " to readerCount and waits only when a writer is pending", both[0] && both[1], is(true));
        });
    }

    @Test
    @Points(2)
    void readersAndAWriterTakingTurnsNeverTearAndLeaveTheLockAtRest() {
        // A writer and three readers, ten rounds each: readers arrive while the writer holds the
        // lock, queue or are still on their way when it unlocks (readerPass), and leave while the
        // next writer waits (readerWait).
        Seeds.sweep(1, 20, seed -> takeTurns(seed, false, 10));
    }

    @Test
    @Points(1)
    void takingTurnsWhileRLockIsContendedNeverTearsOrStrandsAnyone() {
        // The same on a machine with one CPU (lock2 does not spin actively, so a waiter for rLock
        // soon sleeps on it) and one more M taking rw.rLock for long stretches: each release of
        // rLock then often wakes a sleeper, which may run at once. Whatever the releaser still
        // does after its unlock of rLock is done outside the lock: every field that rLock guards
        // (readers, readerPass, writer) must be written before it.
        Seeds.sweep(1, 20, seed -> takeTurns(seed, true, 50));
    }

    /**
     * One writer and three readers take turns, {@code rounds} each, on GOMAXPROCS=5, with (if
     * {@code contendRLock}) one CPU and a fifth goroutine taking rw.rLock for a while, again and
     * again; then checks that no read was torn, every section completed and the lock is at rest.
     */
    private static void takeTurns(long seed, boolean contendRLock, int rounds) {
        long[] state = new long[2];
        int[] torn = new int[1];
        int[] reads = new int[1];
        int[] rest = new int[4];
        Harness.run(Harness.sim(EXERCISE, contendRLock ? 1 : 5, seed), () -> {
            Gort.gomaxprocs(5); // the simulated machine keeps the CPUs it was booted with
            RWMutex rw = new RWMutex();
            Uint32 point = new Uint32();
            Uint32 stop = new Uint32();
            Sema done = new Sema();
            if (contendRLock) {
                Gort.go(() -> {
                    for (int n = 0; n < 20 * rounds && stop.load() == 0; n++) { // bounded: a stuck run must end
                        Mutex.lock(rw.rLock);
                        for (int i = 0; i < 20; i++) {
                            Gort.current().os.osyield(); // long enough for the others to sleep on it
                        }
                        Mutex.unlock(rw.rLock);
                        for (int i = 0; i < 10; i++) {
                            Gort.current().os.osyield();
                        }
                    }
                    Sema.semrelease(done);
                });
            }
            Gort.go(() -> {
                for (int i = 0; i < rounds; i++) {
                    RWMutex.lock(rw);
                    state[0]++;
                    point.add(1); // a scheduling point inside the write section
                    state[1]++;
                    RWMutex.unlock(rw);
                    point.add(1);
                }
                Sema.semrelease(done);
            });
            for (int r = 0; r < 3; r++) {
                Gort.go(() -> {
                    for (int i = 0; i < rounds; i++) {
                        RWMutex.rlock(rw);
                        long a = state[0];
                        point.add(1);
                        if (a != state[1]) {
                            torn[0]++;
                        }
                        reads[0]++;
                        RWMutex.runlock(rw);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < 4; i++) {
                Sema.semacquire(done);
            }
            stop.store(1);
            if (contendRLock) {
                Sema.semacquire(done);
            }
            rest[0] = rw.readerCount.load();
            rest[1] = rw.readerWait.load();
            rest[2] = rw.readerPass;
            rest[3] = rw.readers == null ? 0 : 1;
        });
        assertThat("reads that saw a write half done", torn[0], equalTo(0));
        assertThat("read sections completed (3 readers x " + rounds + ")", reads[0], equalTo(3 * rounds));
        assertThat("rw.readerCount with nobody inside or waiting", rest[0], equalTo(0));
        assertThat("rw.readerWait with nobody inside or waiting: each reader a writer waited for"
                + " takes one off as it leaves", rest[1], equalTo(0));
        assertThat("rw.readerPass with nobody inside or waiting: unlock gives one pass per reader"
                + " that had not queued yet, and each such reader uses up exactly one (readerPass -= 1"
                + " in rlock); a pass left over lets a later reader into a write section, a missing one"
                + " strands a reader", rest[2], equalTo(0));
        assertThat("Ms left on rw.readers: unlock wakes and unlinks every queued reader", rest[3],
                equalTo(0));
    }

    @Test
    @Points(2)
    void aReaderThatQueuesWhileTheWritersUnlockWaitsForRLockIsWoken() {
        // Forced with a third M holding rw.rLock: the reader sleeps on rLock first, the unlocking
        // writer second. Released, rLock goes to the reader, whose unlock of rLock wakes the
        // writer: from then on the writer may look at rw.readers, so the reader must already be
        // on it, or it is counted as passed (readerPass) and sleeps for ever.
        Seeds.sweep(1, 12, seed -> {
            int[] admitted = {-1};
            Harness.run(Harness.sim(EXERCISE, 3, seed), () -> {
                RWMutex rw = new RWMutex();
                Uint32 step = new Uint32(); // 1: the write lock is held; 2: h holds rLock
                Uint32 in = new Uint32();
                M[] ms = new M[2];          // the reader's M, then the writer's (main's)
                long[] sleepsBefore = new long[2];
                Gort.go(() -> { // h: started before main holds a lock (go takes allglock)
                    while (step.load() != 1) {
                        Gort.current().os.osyield();
                    }
                    Mutex.lock(rw.rLock);
                    step.store(2);
                    waitAsleep(ms, sleepsBefore, 1); // the writer's unlock waits for rLock too
                    Mutex.unlock(rw.rLock);
                });
                Gort.go(() -> { // the reader
                    while (step.load() != 2) {
                        Gort.current().os.osyield();
                    }
                    M mp = Gort.getg().m;
                    sleepsBefore[0] = Harness.calls(mp, SimOs.Call.FUTEXSLEEP);
                    ms[0] = mp;
                    RWMutex.rlock(rw); // sleeps on rLock, then queues
                    in.store(1);
                    RWMutex.runlock(rw);
                });
                RWMutex.lock(rw);
                step.store(1);
                waitAsleep(ms, sleepsBefore, 0); // the reader sleeps on rLock
                M me = Gort.getg().m;
                sleepsBefore[1] = Harness.calls(me, SimOs.Call.FUTEXSLEEP);
                ms[1] = me;
                RWMutex.unlock(rw);
                for (int i = 0; i < 20_000 && in.load() == 0; i++) {
                    Gort.current().os.osyield();
                }
                admitted[0] = in.load();
            });
            assertThat("readers admitted after the write unlock, where the reader took rLock just before"
                    + " the unlocking writer did: rlock must put its M on rw.readers before it releases"
                    + " rLock (the writer reads the queue as soon as it gets rLock), or the writer counts it"
                    + " as not yet queued and nobody ever wakes it", admitted[0], equalTo(1));
        });
    }

    /** Waits (a bounded while) until {@code ms[i]} has been published and is asleep in futexsleep. */
    private static void waitAsleep(M[] ms, long[] sleepsBefore, int i) {
        Harness.osyieldUntil(() -> Harness.asleepSince(ms[i], sleepsBefore[i]), 20_000);
    }

    @Test
    @Points(1)
    void runlockWhileOnlyAWriterHoldsItThrowsGosMessage() {
        FatalError e = Harness.death(EXERCISE, () -> {
            RWMutex rw = new RWMutex();
            RWMutex.lock(rw);
            RWMutex.runlock(rw);
        });
        assertThat("runlock with no reader inside, while a writer holds the lock (readerCount was"
                + " -RWMUTEX_MAX_READERS): nobody held it for reading", e.getMessage(),
                equalTo("runlock of unlocked rwmutex"));
    }

    @Test
    @Points(1)
    void runlockOfAnUnlockedRwmutexThrowsGosMessage() {
        assertThat(Harness.death(EXERCISE, () -> RWMutex.runlock(new RWMutex())).getMessage(),
                equalTo("runlock of unlocked rwmutex"));
    }

    @Test
    @Points(1)
    void unlockOfAnUnlockedRwmutexThrowsGosMessage() {
        assertThat(Harness.death(EXERCISE, () -> RWMutex.unlock(new RWMutex())).getMessage(),
                equalTo("unlock of unlocked rwmutex"));
    }

    @Test
    @Points(2)
    void readersQueuedBehindAWriterAreAllAdmittedByItsUnlock() {
        Seeds.sweep(1, 15, seed -> {
            int[] admitted = new int[1];
            Harness.run(Harness.sim(EXERCISE, 4, seed), () -> {
                RWMutex rw = new RWMutex();
                Uint32 in = new Uint32();
                Uint32 locked = new Uint32();
                Sema done = new Sema();
                for (int r = 0; r < 3; r++) {
                    Gort.go(() -> { // started before the write lock: go takes allglock, ranked below it
                        while (locked.load() == 0) {
                            Gort.current().os.osyield();
                        }
                        RWMutex.rlock(rw); // blocks its M until the writer unlocks
                        in.add(1);
                        RWMutex.runlock(rw);
                        Sema.semrelease(done);
                    });
                }
                RWMutex.lock(rw);
                locked.store(1);
                // Unlock once all three readers have announced themselves (some may still be on
                // their way to the reader queue: that race is part of the test).
                while (rw.readerCount.load() != 3 - RWMutex.RWMUTEX_MAX_READERS) {
                    Gort.current().os.osyield();
                }
                RWMutex.unlock(rw);
                for (int r = 0; r < 3; r++) {
                    Sema.semacquire(done);
                }
                admitted[0] = in.load();
            });
            assertThat("readers admitted by one write unlock (seed " + seed + "): unlock wakes every"
                    + " queued reader and passes the rest in (readerPass); a reader must be on the queue"
                    + " before it releases rLock, or the writer misses it", admitted[0], equalTo(3));
        });
    }
}
