package dev.gort.solutions.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.sched.Sched;
import org.junit.jupiter.api.Test;

/** Exercise park: gopark, park_m and ready, inside the runtime and under the simulated OS. */
@Exercise("park")
class ParkHiddenTest {
    private static final String EXERCISE = "park";

    @Test
    @Points(3)
    void parkAndReadyNeverLoseAGoroutine() {
        Seeds.sweep(1, 15, seed -> {
            int[] passed = new int[1];
            Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
                Sema ping = new Sema();
                Sema pong = new Sema();
                Gort.go(() -> {
                    for (int i = 0; i < 10; i++) {
                        Sema.semacquire(ping);
                        Sema.semrelease(pong);
                    }
                });
                for (int i = 0; i < 10; i++) {
                    Sema.semrelease(ping);
                    Sema.semacquire(pong);
                    passed[0]++;
                }
            });
            assertThat("ping-pong rounds: a ready racing a park must not be lost (unlockf runs after the"
                    + " G is off its M)", passed[0], equalTo(10));
        });
    }

    @Test
    @Points(2)
    void readyPutsTheGInRunnextAndWakesAnIdlePWhileTheReadierRuns() {
        Seeds.sweep(1, 6, seed -> {
            boolean[] seen = readyWhileTheReadierKeepsItsP(Harness.sim(EXERCISE, 2, seed));
            assertThat("goready puts the G in the readier's runnext (runqput with next = true), so it"
                    + " runs next and inherits the time slice", seen[0], is(true));
            assertThat("the readied G ran on the idle P while the readier kept its own: ready must"
                    + " wakep() after queueing it", seen[1], is(true));
        });
    }

    @Test
    @Points(1)
    void theMWokenByReadyFindsTheReadiedG() {
        // PCT runs the M that ready's wakep woke ahead of the readier whenever its priority is
        // higher: that M looks for work at once, so the G must be queued before the wakep.
        Seeds.sweep(1, 8, seed -> {
            boolean[] seen = readyWhileTheReadierKeepsItsP(Harness.simPct(EXERCISE, 2, seed));
            assertThat("the readied G ran on the idle P while the readier kept its own, with the woken M"
                    + " scheduled ahead of the readier: ready must queue the G (runqput) before it"
                    + " calls wakep(), or the woken M finds no work, sleeps again, and leaves the G"
                    + " waiting beside an idle P", seen[1], is(true));
        });
    }

    /**
     * A goroutine parks; main, on the other P, readies it once that P is idle and no M spins, and
     * keeps its own P busy. Returns whether the G was in main's runnext (not its ring) after
     * goready, and whether it ran meanwhile (on the P that ready's wakep woke).
     */
    private static boolean[] readyWhileTheReadierKeepsItsP(Gort rt) {
        boolean[] seen = new boolean[2];
        Harness.run(rt, () -> {
            Uint32 parked = new Uint32();
            Uint32 ran = new Uint32();
            G[] sleeper = new G[1];
            Gort.go(() -> {
                sleeper[0] = Gort.getg();
                Gort.gopark((gp, lock) -> {
                    parked.store(1);
                    return true;
                }, null, WaitReason.SLEEP);
                ran.store(1);
            });
            while (parked.load() == 0) {
                Gort.gosched();
            }
            // Wait until the other P is idle and no M is spinning: then only ready's own wakep
            // can get the readied G running while this goroutine keeps its P.
            Sched sched = Gort.current().sched;
            while (sched.nmspinning.load() != 0 || sched.npidle.load() != 1) {
                Gort.current().os.osyield();
            }
            Gort.goready(sleeper[0]);
            seen[0] = Gort.getg().m.p.runq.size() == 0; // not in the ring: in runnext (or taken)
            // Keep this P busy: only another P, woken by ready's wakep, can run the sleeper now.
            for (int i = 0; i < 20_000 && ran.load() == 0; i++) {
                Gort.current().os.osyield();
            }
            seen[1] = ran.load() == 1;
        });
        return seen;
    }

    @Test
    @Points(1)
    void parkMDropsTheGFromItsMBeforeUnlockfRuns() {
        boolean[] dropped = new boolean[2];
        Harness.run(Harness.boot(EXERCISE, 1), () -> Gort.gopark((gp, lock) -> {
            dropped[0] = gp.m == null;
            dropped[1] = Switch.getg().m.curg == null;
            return false;
        }, null, WaitReason.SLEEP));
        assertThat("the parked G's m when unlockf runs: park_m drops it (dropg: gp.m = null)",
                dropped[0], is(true));
        assertThat("the M's curg when unlockf runs: none (m.curg = null), the M is free to schedule",
                dropped[1], is(true));
    }

    @Test
    @Points(2)
    void unlockfSeesTheGWaitingAndFalseResumesAtOnce() {
        int[] seen = new int[3];
        Harness.run(Harness.boot(EXERCISE, 1), () -> {
            G me = Gort.getg();
            Gort.gopark((gp, lock) -> {
                seen[0]++;
                seen[1] = gp == me ? gp.readgstatus() : -1;
                return false;
            }, null, WaitReason.SLEEP);
            seen[2] = me.readgstatus();
        });
        assertThat("park_m calls unlockf once", seen[0], equalTo(1));
        assertThat("with the parking G, already _Gwaiting (so a waker that sees the lock released can"
                + " ready it)", G.statusString(seen[1]), equalTo(G.statusString(G._Gwaiting)));
        assertThat("unlockf returned false: the G is made runnable and resumes at once",
                G.statusString(seen[2]), equalTo(G.statusString(G._Grunning)));
    }

    @Test
    @Points(1)
    void aGoroutineResumedAtOnceKeepsItsTimeSlice() {
        Seeds.sweep(1, 3, seed -> {
            int[] ticks = new int[2];
            Harness.run(Harness.sim(EXERCISE, 1, seed), () -> {
                ticks[0] = Gort.getg().m.p.schedtick;
                Gort.gopark((gp, lock) -> false, null, WaitReason.SLEEP);
                ticks[1] = Gort.getg().m.p.schedtick;
            });
            assertThat("p.schedtick across a gopark whose unlockf returned false: the G resumes at once"
                    + " in the time slice it had (park_m runs it with execute(mp, gp, true), inheriting"
                    + " the slice), so sysmon does not see a new one start", ticks[1], equalTo(ticks[0]));
        });
    }

    @Test
    @Points(1)
    void theWaitReasonIsRecorded() {
        String[] reason = new String[1];
        Harness.run(Harness.boot(EXERCISE, 1), () -> {
            Gort.gopark((gp, lock) -> {
                reason[0] = String.valueOf(gp.waitreason);
                return false;
            }, null, WaitReason.SLEEP);
        });
        assertThat("gopark records why the G waits in g.waitreason (tracebacks print it)", reason[0],
                equalTo(String.valueOf(WaitReason.SLEEP)));
    }

    @Test
    @Points(1)
    void readyingARunningGoroutineThrowsGosMessage() {
        FatalError e;
        try {
            Harness.boot(EXERCISE, 1).run(() -> Gort.goready(Gort.getg()));
            throw new AssertionError("expected a throw: the main goroutine is running, not waiting");
        } catch (FatalError died) {
            e = died;
        }
        assertThat("ready CASes _Gwaiting -> _Grunnable: a G in any other status is a broken invariant",
                e.getMessage(), equalTo("bad g->status in ready"));
        assertThat("before the throw, ready prints the G's status as Go's dumpgstatus does",
                e.output(), containsString("runtime: gp: gp="));
    }
}
