package dev.gort.solutions.scheduler;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * Exercise syscalls: a G in a system call keeps its M, not its P. Short calls take the P back by
 * the fast path; blocking calls lose it (to sysmon, or at once with entersyscallblock), and the
 * other goroutines run meanwhile even at GOMAXPROCS=1.
 */
@Exercise("syscalls")
class SyscallsHiddenTest {
    private static final String EXERCISE = "syscalls";

    @Test
    @Points(1)
    void insideASyscallTheGIsInSyscallAndItsPIsInPsyscall() {
        int[] seen = new int[3];
        // Virtual time: the call is over long before sysmon could retake its P (two rounds, 20 us).
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            Gort.syscall(() -> {
                M mp = gp.m;
                seen[0] = gp.readgstatus();
                seen[1] = mp.p == null ? 1 : 0;
                seen[2] = mp.oldp == null ? -1 : mp.oldp.status.load();
            });
            assertThat("back from the syscall the G is running again", gp.readgstatus(), equalTo(G._Grunning));
        });
        assertThat("entersyscall moves the G from _Grunning to _Gsyscall", G.statusString(seen[0]),
                equalTo(G.statusString(G._Gsyscall)));
        assertThat("and detaches the P from the M (m.p = null)", seen[1], equalTo(1));
        assertThat("remembering it in m.oldp, marked _Psyscall so sysmon may retake it",
                seen[2], equalTo(P._Psyscall));
    }

    @Test
    @Points(2)
    void shortSyscallsTakeTheirPBackByTheFastPath() {
        Seeds.sweep(1, 5, seed -> {
            Gort rt = Harness.sim(EXERCISE, 2, seed);
            int[] otherP = new int[1];
            Harness.run(rt, () -> {
                for (int i = 0; i < 200; i++) {
                    P before = Gort.getg().m.p;
                    Gort.syscall(() -> { });
                    if (Gort.getg().m.p != before) {
                        otherP[0]++;
                    }
                }
            });
            assertThat("200 empty syscalls: times the G came back on another P or after a hand-off."
                    + " exitsyscall's fast path CASes the old P from _Psyscall back and keeps going",
                    otherP[0], lessThanOrEqualTo(5));
            assertThat("hand-offs (sysmon retakes only a call seen on two rounds)", rt.stats().handoffs(),
                    lessThanOrEqualTo(5L));
        });
    }

    /** G1 blocks its M in the OS until G2, which can only run on another M, opens the gate. */
    private static void blockUntilAnotherGoroutineRuns(Gort rt, Consumer<Harness.Gate> call) {
        Harness.run(rt, () -> blockUntilAnotherGoroutineRunsOn(call));
    }

    /** The same inside a running runtime (called on a goroutine). */
    private static void blockUntilAnotherGoroutineRunsOn(Consumer<Harness.Gate> call) {
        Harness.Gate gate = new Harness.Gate();
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
    }

    @Test
    @Points(2)
    void entersyscallblockHandsThePOffAtOnce() {
        Seeds.sweep(1, 8, seed -> {
            Gort rt = Harness.sim(EXERCISE, 1, seed);
            blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscallBlock(gate::await));
            assertThat("a call known to block: entersyscallblock hands the P to another M (handoffp)"
                    + " so that the goroutine that opens the gate can run", rt.stats().handoffs(),
                    greaterThanOrEqualTo(1L));
        });
    }

    @Test
    @Points(2)
    void aBlockedSyscallAtGomaxprocsOneLetsOthersRun() {
        Seeds.sweep(1, 8, seed -> {
            Gort rt = Harness.sim(EXERCISE, 1, seed);
            blockUntilAnotherGoroutineRuns(rt, gate -> Gort.syscall(gate::await));
            assertThat("sysmon retook the P from the blocked call (it must be _Psyscall, detached)",
                    rt.stats().handoffs(), greaterThanOrEqualTo(1L));
            assertThat("and a second M ran the other goroutines", rt.stats().msStarted(),
                    greaterThanOrEqualTo(3L));
        });
    }

    @Test
    @Points(2)
    void syscallsEnteredWhileSysmonSleepsForAStopTheWorldWakeItOnceAndStopTheirPs() {
        // Two goroutines wait, with no preemption point, until a stop-the-world is pending and
        // sysmon has gone to sleep for it (sysmonwait); then each enters a system call. The first
        // must clear sysmonwait and wake sysmon under sched.lock (the second then finds nothing to
        // wake: a second notewakeup throws), release the lock, and stop its P for the world.
        // Later, at GOMAXPROCS=1, a blocked call needs sysmon awake to retake its P.
        Seeds.sweep(1, 8, seed -> {
            Gort rt = Harness.sim(EXERCISE, 3, seed);
            long[] retakeNs = new long[1];
            Uint32 ranDuringTheStop = new Uint32();
            Harness.run(rt, () -> {
                Uint32 running = new Uint32();
                Sema done = new Sema();
                for (int g = 0; g < 2; g++) {
                    Gort.go(() -> {
                        running.add(1);
                        while (!(rt.sched.gcwaiting.load() && rt.sched.sysmonwait.load())) {
                            Gort.current().os.osyield();
                        }
                        Gort.entersyscall();
                        Gort.exitsyscall();
                        if (rt.sched.gcwaiting.load()) {
                            ranDuringTheStop.add(1);
                        }
                        Sema.semrelease(done);
                    });
                }
                while (running.load() < 2) {
                    Gort.current().os.osyield(); // both run, on the other two Ps
                }
                Gort.gomaxprocs(1); // stops the world while they run
                Sema.semacquire(done);
                Sema.semacquire(done);
                long t0 = Gort.current().os.nanotime();
                blockUntilAnotherGoroutineRunsOn(gate -> Gort.syscall(gate::await));
                retakeNs[0] = Gort.current().os.nanotime() - t0;
            });
            assertThat("goroutines back from a syscall entered during a stop-the-world that ran before the"
                    + " world restarted: entersyscall, seeing sched.gcwaiting, must stop its P for the world"
                    + " at once (entersyscall_gcwait), so exitsyscall finds no P to take", ranDuringTheStop.load(),
                    equalTo(0));
            assertThat("virtual ms until sysmon retook the P of a call blocked at GOMAXPROCS=1, after"
                    + " syscalls entered during a stop-the-world: entersyscall, finding sysmonwait set,"
                    + " must clear it and wake sysmon (notewakeup(sched.sysmonnote)), or sysmon sleeps"
                    + " on for up to a minute", retakeNs[0] / 1_000_000, lessThanOrEqualTo(100L));
        });
    }

    @Test
    @Points(2)
    void syscallsNeverLoseAGoroutine() {
        Seeds.sweep(1, 10, seed -> {
            AtomicInteger ran = new AtomicInteger();
            Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
                Sema done = new Sema();
                for (int i = 0; i < 30; i++) {
                    int k = i;
                    Gort.go(() -> {
                        if (k % 3 == 0) {
                            Gort.syscall(() -> { });
                        } else if (k % 3 == 1) {
                            Gort.syscallBlock(() -> { });
                        }
                        ran.incrementAndGet();
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 30; i++) {
                    Sema.semacquire(done);
                }
            });
            assertThat("goroutines that came back from their syscalls and ran to the end (exitsyscall"
                    + " with no P free queues the G globally and stops the M)", ran.get(), equalTo(30));
        });
    }

    @Test
    @Points(2)
    void aBlockingCallLeavesItsPAtOnceAndEveryCallRestoresTheM() {
        int[] during = new int[4];
        int[] after = new int[4];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            P pp = gp.m.p;
            int tick = pp.syscalltick;
            Gort.syscallBlock(() -> {
                M mp = gp.m;
                during[0] = mp.p == null ? 1 : 0;
                during[1] = pp.syscalltick - tick;
                during[2] = mp.syscalltick == pp.syscalltick ? 1 : 0;
                during[3] = pp.status.load();
            });
            Gort.syscall(() -> { });
            M mp = gp.m;
            after[0] = mp.locks;
            after[1] = mp.oldp == null ? 1 : 0;
            after[2] = gp.readgstatus();
            after[3] = mp.p == null ? -1 : mp.p.status.load();
        });
        assertThat("inside a blocking call the M has no P (entersyscallblock: handoffp(releasep(m)))",
                during[0], equalTo(1));
        assertThat("p.syscalltick moved by one for the call", during[1], equalTo(1));
        assertThat("and m.syscalltick remembers the new value (sysmon and exitsyscall compare them)",
                during[2], equalTo(1));
        assertThat("the P left behind is not _Psyscall: it was handed off at once, not left for sysmon",
                during[3] == P._Psyscall, is(false));
        assertThat("m.locks after the calls: entersyscall's m.locks++ is undone", after[0], equalTo(0));
        assertThat("m.oldp after the calls: exitsyscall clears it", after[1], equalTo(1));
        assertThat("the G after the calls", G.statusString(after[2]), equalTo(G.statusString(G._Grunning)));
        assertThat("its M's P after the calls", after[3], equalTo(P._Prunning));
    }

    @Test
    @Points(1)
    void misusingTheSyscallEntryPointsThrowsGosMessages() {
        FatalError e = Harness.death(Harness.boot(EXERCISE, 1),
                () -> Switch.systemstack(() -> Gort.current().parts.syscall().entersyscall()));
        assertThat("entersyscall on g0 (the system stack has no user G to put in _Gsyscall)",
                e.getMessage(), equalTo("entersyscall on g0"));
        e = Harness.death(Harness.boot(EXERCISE, 1),
                () -> Switch.systemstack(() -> Gort.current().parts.syscall().entersyscallblock()));
        assertThat("entersyscallblock on g0", e.getMessage(), equalTo("entersyscallblock on g0"));
        e = Harness.death(Harness.boot(EXERCISE, 1), Gort::exitsyscall);
        assertThat("exitsyscall with no system call in progress (the G is _Grunning, not _Gsyscall)",
                e.getMessage(), equalTo("exitsyscall: syscall frame is no longer valid"));
    }

    @Test
    @Points(1)
    void theSyscallTickMovesSoSysmonCanTellCallsApart() {
        int[] ticks = new int[2];
        // Virtual time: no call lasts long enough for sysmon to retake the P (which bumps the tick too).
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            P pp = Gort.getg().m.p;
            ticks[0] = pp.syscalltick;
            for (int i = 0; i < 3; i++) {
                Gort.syscall(() -> { });
            }
            ticks[1] = pp.syscalltick;
        });
        assertThat("p.syscalltick after 3 syscalls: each exitsyscall fast path bumps it, so sysmon"
                + " never retakes a P for a call that already ended", ticks[1] - ticks[0], is(3));
    }
}
