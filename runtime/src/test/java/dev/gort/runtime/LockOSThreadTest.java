package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
import dev.gort.runtime.sched.OsThreadLock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LockOSThread: a locked goroutine runs only on its thread and its thread runs only it
 * (startlockedm / stoplockedm hand the P over), the nesting counts, and a goroutine that exits
 * locked takes its thread with it. Go: TestLockOSThreadNesting, TestLockOSThreadExit,
 * TestLockOSThreadAvoidsStatePropagation's first half.
 */
class LockOSThreadTest {

    @Test
    void lockOSThreadNests() { // Go: TestLockOSThreadNesting
        Goroutines.run(2, () -> {
            Sema done = new Sema();
            List<Gort.LockOSCounts> seen = new CopyOnWriteArrayList<>();
            Gort.go(() -> {
                seen.add(Gort.lockOSCounts());
                Gort.lockOSThread();
                Gort.lockOSThread();
                Gort.unlockOSThread();
                seen.add(Gort.lockOSCounts());
                Gort.unlockOSThread();
                seen.add(Gort.lockOSCounts());
                Gort.unlockOSThread(); // none left to undo: nothing happens
                seen.add(Gort.lockOSCounts());
                Sema.semrelease(done);
            });
            Sema.semacquire(done);
            assertThat(seen, equalTo(List.of(new Gort.LockOSCounts(0, 0), new Gort.LockOSCounts(1, 0),
                    new Gort.LockOSCounts(0, 0), new Gort.LockOSCounts(0, 0))));
        });
    }

    /**
     * A locked goroutine parks, yields and sleeps 60 times beside 6 busy goroutines; returns the Ms
     * it ran on and the Ms the others ran on while it was locked (a G runs on an M only while that
     * M is not running the locked G, so seeing lockedNow == 1 there is the bug).
     */
    static Set<M>[] lockedGoroutineAmongOthers(Gort rt) {
        Set<M> lockedRanOn = new HashSet<>();
        Set<M> othersRanOn = java.util.Collections.synchronizedSet(new HashSet<>());
        Goroutines.run(rt, () -> {
            AtomicInteger stop = new AtomicInteger();
            AtomicInteger lockedNow = new AtomicInteger(); // 1 between lock and unlock
            Sema done = new Sema();
            Sema ping = new Sema();
            Sema pong = new Sema();
            Gort.go(() -> { // the locked one
                Gort.lockOSThread();
                lockedNow.set(1);
                for (int i = 0; i < 20; i++) {
                    lockedRanOn.add(Gort.getg().m);
                    Sema.semrelease(ping);
                    Sema.semacquire(pong); // parks
                    lockedRanOn.add(Gort.getg().m);
                    Gort.gosched();
                    lockedRanOn.add(Gort.getg().m);
                    Gort.sleep(10_000);
                }
                lockedRanOn.add(Gort.getg().m);
                lockedNow.set(0);
                Gort.unlockOSThread();
                stop.set(1);
                Sema.semrelease(done);
            });
            Gort.go(() -> {
                for (int i = 0; i < 20; i++) {
                    Sema.semacquire(ping);
                    if (lockedNow.get() == 1) {
                        othersRanOn.add(Gort.getg().m);
                    }
                    Sema.semrelease(pong);
                }
                Sema.semrelease(done);
            });
            for (int k = 0; k < 5; k++) {
                Gort.go(() -> {
                    while (stop.get() == 0) {
                        if (lockedNow.get() == 1) {
                            othersRanOn.add(Gort.getg().m);
                        }
                        Gort.gosched();
                    }
                    Sema.semrelease(done);
                });
            }
            for (int k = 0; k < 7; k++) {
                Sema.semacquire(done);
            }
        });
        @SuppressWarnings("unchecked")
        Set<M>[] r = new Set[] {lockedRanOn, othersRanOn};
        return r;
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 3})
    void aLockedGoroutineRunsOnlyOnItsThreadAndItsThreadOnlyRunsIt(int procs) {
        SeedSweep.run("LockOSThread keeps G and M together at GOMAXPROCS=" + procs, 10, seed -> {
            Set<M>[] ran = lockedGoroutineAmongOthers(Simulated.boot(procs, seed));
            assertThat("the locked goroutine ran on one M", ran[0].size(), equalTo(1));
            M locked = ran[0].iterator().next();
            assertThat("no other goroutine ran on it meanwhile", ran[1], everyItem(not(locked)));
        });
    }

    @Test
    void aLockedGoroutineRunsOnlyOnItsThreadOnTheRealOs() {
        Set<M>[] ran = lockedGoroutineAmongOthers(Goroutines.boot(2));
        assertThat(ran[0].size(), equalTo(1));
        assertThat(ran[1], everyItem(not(ran[0].iterator().next())));
    }

    /** A goroutine locks its thread and exits; then 50 more goroutines run. */
    static void exitWhileLocked(Gort rt, boolean unlockFirst, M[] lockedM, Set<M> laterRanOn) {
        Goroutines.run(rt, () -> {
            Sema done = new Sema();
            Gort.go(() -> {
                Gort.lockOSThread();
                Gort.sleep(1000); // park once, so the thread hand-over happens too
                lockedM[0] = Gort.getg().m;
                if (unlockFirst) {
                    Gort.unlockOSThread();
                }
                Sema.semrelease(done);
            });
            Sema.semacquire(done);
            Gort.sleep(100_000); // let it exit
            for (int i = 0; i < 50; i++) {
                Gort.go(() -> {
                    laterRanOn.add(Gort.getg().m);
                    Sema.semrelease(done);
                });
                if (i % 10 == 0) {
                    Gort.sleep(1000); // idle a while, so that parked Ms are woken to run the next ones
                }
            }
            for (int i = 0; i < 50; i++) {
                Sema.semacquire(done);
            }
        });
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void aGoroutineThatExitsLockedTakesItsThreadWithIt(int procs) { // Go: TestLockOSThreadExit
        SeedSweep.run("exit while locked ends the thread at GOMAXPROCS=" + procs, 10, seed -> {
            M[] lockedM = new M[1];
            Set<M> later = java.util.Collections.synchronizedSet(new HashSet<>());
            Gort rt = Simulated.boot(procs, seed);
            exitWhileLocked(rt, false, lockedM, later);
            assertThat("its M ended", lockedM[0].exited, equalTo(true));
            assertThat("and never ran another goroutine", later, everyItem(not(lockedM[0])));
            assertThat(rt.sched.mcount(), equalTo(rt.stats().msStarted() - 1));
        });
    }

    @Test
    void aGoroutineThatUnlocksBeforeExitingLeavesItsThreadForOthers() {
        SeedSweep.run("unlock then exit keeps the thread", 10, seed -> {
            M[] lockedM = new M[1];
            Set<M> later = java.util.Collections.synchronizedSet(new HashSet<>());
            Gort rt = Simulated.boot(1, seed);
            exitWhileLocked(rt, true, lockedM, later);
            assertThat(lockedM[0].exited, equalTo(false));
            assertThat(rt.sched.mcount(), equalTo(rt.stats().msStarted()));
        });
    }

    @Test
    void aGoroutineThatExitsLockedOnTheRealOsEndsItsThread() {
        M[] lockedM = new M[1];
        Set<M> later = java.util.Collections.synchronizedSet(new HashSet<>());
        exitWhileLocked(Goroutines.boot(2), false, lockedM, later);
        assertThat(lockedM[0].exited, equalTo(true));
        assertThat(later, everyItem(not(lockedM[0])));
    }

    @Test
    void aLockedGoroutineComesBackToItsThreadAfterASystemCallLostItsP() {
        SeedSweep.run("exitsyscall0 of a locked G waits for the G on its M", 10, seed -> {
            M[] before = new M[1];
            M[] after = new M[1];
            Gort rt = Simulated.boot(1, seed);
            Goroutines.run(rt, () -> {
                Simulated.Gate gate = new Simulated.Gate();
                Sema started = new Sema();
                Sema done = new Sema();
                Gort.go(() -> {
                    Gort.lockOSThread();
                    before[0] = Gort.getg().m;
                    Sema.semrelease(started);
                    Gort.syscall(gate::await); // sysmon retakes the P meanwhile
                    after[0] = Gort.getg().m;
                    Gort.unlockOSThread();
                    Sema.semrelease(done);
                });
                Sema.semacquire(started); // runs once the P was retaken
                gate.open();
                Sema.semacquire(done);
            });
            assertThat(rt.stats().handoffs(), greaterThan(0L));
            assertThat(after[0], equalTo(before[0]));
        });
    }

    @Test
    void aLockedGoroutineBlockedForeverIsStillADeadlock() {
        SeedSweep.run("a locked idle M does not hide a deadlock", seed -> {
            FatalError e = assertThrows(FatalError.class, () -> Simulated.boot(2, seed).run(() -> {
                Gort.lockOSThread();
                Sema.semacquire(new Sema());
            }));
            assertThat(e.getMessage(), startsWith("all goroutines are asleep - deadlock!"));
        });
    }

    @Test
    void theRuntimesOwnLockNestsApartAndMisuseIsFatal() {
        FatalError e = Goroutines.death(1, () -> {
            M mp = Gort.getg().m;
            OsThreadLock.lockOSThread(mp);
            Gort.lockOSThread();
            assertThat(Gort.lockOSCounts(), equalTo(new Gort.LockOSCounts(1, 1)));
            Gort.unlockOSThread();
            assertThat("still locked by the runtime", Gort.getg().lockedm, equalTo(mp));
            OsThreadLock.unlockOSThread(mp);
            assertThat(Gort.getg().lockedm, equalTo(null));
            OsThreadLock.unlockOSThread(mp); // one too many
        });
        assertThat(e.output(), containsString("fatal error: runtime: internal error: misuse of lockOSThread/unlockOSThread"));
    }

    @Test
    void exitingWhileInternallyLockedIsFatal() {
        FatalError e = Goroutines.death(2, () -> {
            Sema done = new Sema();
            Gort.go(() -> OsThreadLock.lockOSThread(Gort.getg().m));
            Sema.semacquire(done);
        });
        assertThat(e.output(), containsString("fatal error: exited a goroutine internally locked to the OS thread"));
    }
}
