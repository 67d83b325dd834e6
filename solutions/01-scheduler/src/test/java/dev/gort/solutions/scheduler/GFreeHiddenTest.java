package dev.gort.solutions.scheduler;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gort.chapters.scheduler.Chapter01;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.part.GFreePart;
import org.junit.jupiter.api.Test;

/**
 * Exercise gfree: the free-G cache, called directly (the counts the rest of the runtime reads:
 * the part's own counts, Go's {@code pp.gFree.n} and {@code sched.gFree.n}) and then inside runtimes
 * under the simulated OS.
 */
@Exercise("gfree")
class GFreeHiddenTest {
    private static final String EXERCISE = "gfree";

    private final Gort rt = Harness.boot(EXERCISE, 2); // not running: its Ps are ours to call
    private final GFreePart gfree = Chapter01.parts(EXERCISE).newGFree(); // one runtime's pool

    private List<G> deadGs(int n) {
        List<G> list = Harness.gs(rt, n);
        list.forEach(gp -> gp.atomicstatus.store(G._Gdead));
        return list;
    }

    @Test
    @Points(1)
    void gfputRejectsALiveG() {
        FatalError e = Harness.deathOnAnM("gfput: bad status (not Gdead)", () -> {
            G live = Harness.gs(rt, 1).get(0);
            live.atomicstatus.store(G._Grunnable);
            gfree.gfput(new P(rt, 0), live);
        });
        assertThat("only a dead G may be reused: gfput of a _Grunnable G must throw Go's message",
                e.getMessage(), equalTo("gfput: bad status (not Gdead)"));
    }

    @Test
    @Points(1)
    void gfputThenGfgetOnOneP() {
        Harness.onAnM(() -> {
            P pp = new P(rt, 0);
            assertThat("gfget on an empty P with an empty global pool returns null (newproc then allocates)",
                    gfree.gfget(pp), nullValue());
            List<G> in = deadGs(3);
            in.forEach(gp -> gfree.gfput(pp, gp));
            assertThat("three gfputs: the P's list counts them (Go: pp.gFree.n)", gfree.localCount(pp), equalTo(3));
            Set<G> out = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                out.add(gfree.gfget(pp));
            }
            assertThat("gfget gives back the Gs that were put, each once", out, equalTo(new HashSet<>(in)));
            assertThat("and counts them out", gfree.localCount(pp), equalTo(0));
            assertThat(gfree.gfget(pp), nullValue());
        });
    }

    @Test
    @Points(2)
    void aPHolding64SpillsToTheGlobalPoolKeepingFewerThan32() {
        Harness.onAnM(() -> {
            P pp = new P(rt, 0);
            List<G> in = deadGs(64);
            for (int i = 0; i < 63; i++) {
                gfree.gfput(pp, in.get(i));
            }
            assertThat("63 free Gs stay on the P: no global lock until it holds 64", gfree.localCount(pp), equalTo(63));
            assertThat("the global pool (Go: sched.gFree) is still empty", gfree.globalCount(), equalTo(0));
            gfree.gfput(pp, in.get(63));
            assertThat("the 64th gfput spills: Gs move to sched.gFree while the P holds 32 or more,"
                    + " so 31 stay (Go: for pp.gFree.n >= 32)", gfree.localCount(pp), equalTo(31));
            assertThat("and 33 are in the global pool, counted in its n", gfree.globalCount(), equalTo(33));
        });
    }

    @Test
    @Points(1)
    void anEmptyPRefillsUpTo32FromTheGlobalPool() {
        Harness.onAnM(() -> {
            P full = new P(rt, 0);
            P empty = new P(rt, 1);
            deadGs(64).forEach(gp -> gfree.gfput(full, gp));
            int locks = Gort.getg().m.locks;
            G gp = gfree.gfget(empty);
            assertThat("a P with no free G takes one from the global pool", gp, notNullValue());
            assertThat("m.locks after a refill: gfget must release the pool's lock", Gort.getg().m.locks,
                    equalTo(locks));
            assertThat("refilling up to 32 first, then taking one: 31 left on the P", gfree.localCount(empty), equalTo(31));
            assertThat("33 - 32 = 1 left in the global pool (Go: sched.gFree.n)", gfree.globalCount(), equalTo(1));
            assertThat("a third P with no free G takes the global pool's last one (only an empty pool is skipped)",
                    gfree.gfget(new P(rt, 2)), notNullValue());
            assertThat("none left in the global pool", gfree.globalCount(), equalTo(0));
        });
    }

    @Test
    @Points(1)
    void gfpurgeMovesEveryFreeGToTheGlobalPool() {
        Harness.onAnM(() -> {
            P pp = new P(rt, 0);
            deadGs(10).forEach(gp -> gfree.gfput(pp, gp));
            gfree.gfpurge(pp);
            assertThat("a P going away keeps no free G", gfree.localCount(pp), equalTo(0));
            assertThat("all 10 are in the global pool", gfree.globalCount(), equalTo(10));
            assertThat("and counted right: another P can take them", gfree.gfget(new P(rt, 1)), notNullValue());
        });
    }

    @Test
    @Points(2)
    void gsAreReusedAcrossPsUnderTheSimulatedOs() {
        Seeds.sweep(1, 8, seed -> {
            Gort sim = Harness.sim(EXERCISE, 2, seed);
            Harness.run(sim, () -> {
                Sema done = new Sema();
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < 20; i++) {
                        Gort.go(() -> Sema.semrelease(done));
                    }
                    for (int i = 0; i < 20; i++) {
                        Sema.semacquire(done);
                    }
                }
            });
            // The Gs that die on the other P stay in its cache (up to 64) until it spills to the
            // global pool, so only part of them come back to main's P: the bounds allow for that.
            assertThat("5 rounds of 20 goroutines on 2 Ps: each new round should reuse the dead Gs of the"
                    + " last (gfput on exit, gfget in newproc)", sim.stats().gsReused(), greaterThanOrEqualTo(20L));
            assertThat("Gs allocated stay below the peak of live goroutines (21) plus one P's cache (64),"
                    + " not the 101 started", sim.stats().allgs() <= 85, is(true));
        });
    }
}
