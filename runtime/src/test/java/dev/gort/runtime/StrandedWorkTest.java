package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.part.FindRunnablePart;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.sched.Proc;
import dev.gort.runtime.sched.Sched;
import org.junit.jupiter.api.Test;

/**
 * The simulated OS's stranded-work watch: a runnable G, an idle P and no spinning M for more than
 * the configured virtual time ends the run with a report of every P and M.
 */
class StrandedWorkTest {

    /**
     * A findRunnable with a classic student bug: it never steals, and a spinning M that finds
     * nothing stops spinning without looking at the other Ps again. A G in another P's runnext is
     * then left beside the P this M gives up.
     */
    private static G neverSteals(M mp, FindRunnablePart.Result r) {
        Sched sched = mp.rt.sched;
        for (;;) {
            G gp = mp.p.runq.runqget();
            if (gp != null) {
                return gp;
            }
            Mutex.lock(sched.lock);
            gp = Proc.globrunqget(mp.p, 0);
            if (gp != null) {
                Mutex.unlock(sched.lock);
                return gp;
            }
            Proc.pidleput(Proc.releasep(mp));
            Mutex.unlock(sched.lock);
            if (mp.spinning) {
                mp.spinning = false;
                sched.nmspinning.add(-1);
            }
            Proc.stopm(mp);
        }
    }

    private static Config strandable(long seed) {
        return Config.defaults().gomaxprocs(2).stderr(Goroutines.quiet())
                .parts(Parts.reference().findRunnable(StrandedWorkTest::neverSteals)).simulated(seed);
    }

    /** main waits, without parking, for a goroutine that sits in main's own runnext. */
    private static void waitForChild(Config config) {
        Gort.boot(config).run(() -> {
            Uint32 ran = new Uint32();
            Gort.go(() -> ran.store(1));
            while (ran.load() == 0) {
                // only another P can run the child
            }
        });
    }

    @Test
    void aGoroutineLeftBesideAnIdlePIsReportedWithEveryPAndM() {
        FatalError e = assertThrows(FatalError.class, () -> waitForChild(strandable(7)));
        assertThat(e.getMessage(), allOf(startsWith("simulation: stranded work: a runnable goroutine in P0's run"
                + " queue, an idle P and no spinning M for more than 1000 µs"), containsString("(seed 7)")));
        assertThat(e.output(), allOf(
                containsString("scheduler: npidle=1 nmspinning=0"),
                containsString("P0: running, m=M0, runq=a G in runnext"),
                containsString("P1: idle, m=none, runq=empty"),
                containsString("M0: p=P0, spinning=false, curg=goroutine 1 [running]"),
                containsString("(system): p=none")));
    }

    @Test
    void theLimitIsConfigurable() {
        FatalError e = assertThrows(FatalError.class, () -> waitForChild(strandable(7).strandedWork(50)));
        assertThat(e.getMessage(), containsString("for more than 50 µs"));
    }

    @Test
    void zeroTurnsTheWatchOffAndTheRunEndsOnItsStepBudgetInstead() {
        FatalError e = assertThrows(FatalError.class, () ->
                waitForChild(strandable(7).strandedWork(0).stepBudget(200_000)));
        assertThat(e.getMessage(), startsWith("simulation: step budget exceeded"));
    }
}
