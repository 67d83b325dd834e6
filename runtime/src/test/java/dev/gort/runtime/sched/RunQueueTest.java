package dev.gort.runtime.sched;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.P;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The local run queue on its own: Ps of a runtime that is booted but never run, driven directly
 * from the test thread (the ring needs no M), or from a goroutine where a spill takes sched.lock.
 */
class RunQueueTest {
    private final Gort rt = Gort.boot(Config.defaults().gomaxprocs(1));

    private List<G> gs(int n) {
        List<G> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            G gp = G.malg(rt);
            gp.goid = 1000 + i;
            list.add(gp);
        }
        return list;
    }

    @Test
    void fifoForEveryLengthUpToAFullRing() {
        for (int n = 0; n <= RunQueue.SIZE; n++) {
            P pp = new P(rt, 0);
            assertThat("a new queue is empty", pp.runq.runqempty(), is(true));
            List<G> in = gs(n);
            for (G gp : in) {
                pp.runq.runqput(gp, false);
            }
            assertThat(pp.runq.runqempty(), is(n == 0));
            List<G> out = new ArrayList<>();
            for (G gp = pp.runq.runqget(); gp != null; gp = pp.runq.runqget()) {
                out.add(gp);
            }
            assertThat("a queue of " + n + " Gs gives them back in the order they were put", out, equalTo(in));
            assertThat("drained queue is empty", pp.runq.runqempty(), is(true));
        }
    }

    @Test
    void runnextComesFirstAndKicksTheOldOneToTheTail() {
        P pp = new P(rt, 0);
        List<G> in = gs(3);
        pp.runq.runqput(in.get(0), false);
        pp.runq.runqput(in.get(1), true);
        pp.runq.runqput(in.get(2), true); // kicks 1 to the tail
        assertThat(pp.runq.runqget(), is(in.get(2)));
        assertThat("runnext inherits the time slice", pp.runq.inheritTime(), is(true));
        assertThat(pp.runq.runqget(), is(in.get(0)));
        assertThat(pp.runq.inheritTime(), is(false));
        assertThat(pp.runq.runqget(), is(in.get(1)));
        assertThat(pp.runq.runqget(), nullValue());
    }

    @Test
    void stealTakesHalfRoundedUpAndEveryGIsSeenExactlyOnce() {
        for (int n = 1; n <= RunQueue.SIZE; n++) {
            P victim = new P(rt, 0);
            P thief = new P(rt, 1);
            thief.status.store(P._Prunning);
            victim.status.store(P._Pidle);
            List<G> in = gs(n);
            for (G gp : in) {
                victim.runq.runqput(gp, false);
            }
            G first = thief.runq.runqsteal(victim.runq, false);
            int stolen = 1 + thief.runq.size();
            assertThat("stealing from " + n + " Gs takes ceil(n/2)", stolen, equalTo(n - n / 2));
            Set<G> seen = new HashSet<>();
            seen.add(first);
            for (G gp = thief.runq.runqget(); gp != null; gp = thief.runq.runqget()) {
                assertThat("a G is seen once", seen.add(gp), is(true));
            }
            for (G gp = victim.runq.runqget(); gp != null; gp = victim.runq.runqget()) {
                assertThat("a G is seen once", seen.add(gp), is(true));
            }
            assertThat("no G is lost", seen, equalTo(new HashSet<>(in)));
        }
    }

    @Test
    void stealTakesRunnextOnlyWhenAllowedAndTheRingIsEmpty() {
        P victim = new P(rt, 0);
        P thief = new P(rt, 1);
        victim.status.store(P._Pidle); // not running: no back-off
        G only = gs(1).get(0);
        victim.runq.runqput(only, true);
        assertThat(thief.runq.runqsteal(victim.runq, false), nullValue());
        assertThat(thief.runq.runqsteal(victim.runq, true), is(only));
        assertThat(victim.runq.runqempty(), is(true));
    }

    @Test
    void aFullRingSpillsHalfPlusTheNewGToTheGlobalQueue() {
        Goroutines.run(1, () -> {
            P pp = new P(rt, 0); // rt is not running: its sched.lock is free for this M to take
            List<G> in = gs(RunQueue.SIZE + 1);
            for (G gp : in) {
                pp.runq.runqput(gp, false);
            }
            assertThat("the ring keeps the newer half", pp.runq.size(), equalTo(RunQueue.SIZE / 2));
            GQueue global = rt.sched.runq;
            assertThat("half the ring plus the new G went to the global queue", global.size(),
                    equalTo(RunQueue.SIZE / 2 + 1));
            List<G> out = new ArrayList<>();
            for (G gp = global.pop(); gp != null; gp = global.pop()) {
                out.add(gp);
            }
            for (G gp = pp.runq.runqget(); gp != null; gp = pp.runq.runqget()) {
                out.add(gp);
            }
            assertThat("global batch then ring: every G once", new HashSet<>(out), equalTo(new HashSet<>(in)));
            assertThat(out.get(0), is(in.get(0)));
            assertThat(out.get(RunQueue.SIZE / 2), is(in.get(RunQueue.SIZE)));
        });
    }

    @Test
    void pidleputRefusesAPWithWork() {
        P pp = new P(rt, 0);
        pp.runq.runqput(gs(1).get(0), false);
        FatalError e = assertThrows(FatalError.class, () -> Threads.pidleput(pp));
        assertThat(e.getMessage(), equalTo("pidleput: P has non-empty run queue"));
    }

    @Test
    void gfputRefusesALiveG() {
        P pp = new P(rt, 0);
        G gp = gs(1).get(0);
        gp.atomicstatus.store(G._Grunnable);
        FatalError e = assertThrows(FatalError.class, () -> new GFree().gfput(pp, gp));
        assertThat(e.getMessage(), equalTo("gfput: bad status (not Gdead)"));
        assertThat(e.output(), containsString("fatal error: gfput: bad status (not Gdead)"));
    }
}
