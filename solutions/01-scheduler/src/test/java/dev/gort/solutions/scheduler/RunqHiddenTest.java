package dev.gort.solutions.scheduler;

import static dev.gort.solutions.scheduler.Harness.gs;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntPredicate;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SimOs;
import org.junit.jupiter.api.Test;

/**
 * Exercise runq: the local run queue, called directly (FIFO, runnext, spill, steal) and then inside
 * a runtime under the simulated OS, against the reference.
 */
@Exercise("runq")
class RunqHiddenTest {
    private static final String EXERCISE = "runq";
    private static final int SIZE = 256;

    private final Gort rt = Harness.boot(EXERCISE, 1); // not running: its Ps are ours to call

    private static List<G> drain(P pp) {
        List<G> out = new ArrayList<>();
        for (G gp = pp.runq.runqget(); gp != null; gp = pp.runq.runqget()) {
            out.add(gp);
        }
        return out;
    }

    @Test
    @Points(2)
    void fifoForEveryLengthUpToAFullRing() {
        for (int n = 0; n <= SIZE; n++) {
            P pp = new P(rt, 0);
            List<G> in = gs(rt, n);
            in.forEach(gp -> pp.runq.runqput(gp, false));
            assertThat("after " + n + " runqput(gp, false) the ring holds " + n + " Gs (size() = tail - head)",
                    pp.runq.size(), equalTo(n));
            assertThat("a queue of " + n + " Gs gives them back in the order they were put (FIFO):"
                    + " runqget takes runq[head % 256] and moves head by one", drain(pp), equalTo(in));
            assertThat("after taking all " + n + " Gs runqempty() is true", pp.runq.runqempty(), is(true));
        }
    }

    @Test
    @Points(1)
    void theRingWrapsAroundItsEnd() {
        // head and tail only grow: slots are index & 255, so a queue used for long wraps around.
        P pp = new P(rt, 0);
        List<G> in = gs(rt, 3 * SIZE);
        List<G> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i += 100) {
            for (int k = i; k < Math.min(i + 100, in.size()); k++) {
                pp.runq.runqput(in.get(k), false);
            }
            for (int k = 0; k < 90; k++) {
                out.add(pp.runq.runqget());
            }
        }
        out.addAll(drain(pp));
        assertThat("768 Gs put in bursts of 100, taken 90 at a time: head and tail pass 256 and the"
                + " slots wrap (index & 255), still in FIFO order", out, equalTo(in));
    }

    @Test
    @Points(1)
    void runnextKicksTheOldOneToTheTailAndInheritsTheTimeSlice() {
        P pp = new P(rt, 0);
        List<G> in = gs(rt, 3);
        pp.runq.runqput(in.get(0), false);
        pp.runq.runqput(in.get(1), true);
        assertThat("a G in runnext only: runqempty() must look at runnext too", pp.runq.runqempty(), is(false));
        pp.runq.runqput(in.get(2), true);
        assertThat("runnext holds one G: putting another with next=true kicks the old one to the ring's"
                + " tail", pp.runq.size(), equalTo(2));
        assertThat("runqget takes runnext first", pp.runq.runqget(), sameInstance(in.get(2)));
        assertThat("the G taken from runnext inherits the time slice", pp.runq.inheritTime(), is(true));
        assertThat("then the ring's head", pp.runq.runqget(), sameInstance(in.get(0)));
        assertThat("a G from the ring starts a new time slice", pp.runq.inheritTime(), is(false));
        assertThat("the old runnext was kicked to the tail", pp.runq.runqget(), sameInstance(in.get(1)));
        assertThat(pp.runq.runqget(), nullValue());
    }

    @Test
    @Points(2)
    void aFullRingSpillsHalfPlusTheNewGToTheGlobalQueue() {
        // runqputslow takes sched.lock, which only an M may hold: call it from another runtime's goroutine.
        Harness.onAnM(() -> {
            P pp = new P(rt, 0);
            for (G gp : gs(rt, 10)) { // used before: head and tail start at 10, not 0
                pp.runq.runqput(gp, false);
                pp.runq.runqget();
            }
            int locks = Gort.getg().m.locks;
            List<G> in = gs(rt, SIZE + 1);
            for (G gp : in) {
                pp.runq.runqput(gp, false);
            }
            assertThat("m.locks after the spill: runqputslow must release sched.lock, which it holds only"
                    + " while it puts the batch on the global queue", Gort.getg().m.locks, equalTo(locks));
            assertThat("the 257th runqput found the ring full: runqputslow moves the older half (128) plus"
                    + " the new G to the global queue in one batch, so 129 are there", rt.sched.runq.size(),
                    equalTo(SIZE / 2 + 1));
            assertThat("the ring keeps the newer half", pp.runq.size(), equalTo(SIZE / 2));
            List<G> out = new ArrayList<>();
            for (G gp = rt.sched.runq.pop(); gp != null; gp = rt.sched.runq.pop()) {
                out.add(gp);
            }
            out.addAll(drain(pp));
            assertThat("every G exactly once, global batch then ring", new HashSet<>(out), equalTo(new HashSet<>(in)));
            assertThat(out.size(), equalTo(in.size()));
            assertThat("the batch starts with the oldest G (the ring's head)", out.get(0), sameInstance(in.get(0)));
            assertThat("the batch ends with the new G, linked after the 128 (schedlink)", out.get(SIZE / 2),
                    sameInstance(in.get(SIZE)));
            assertThat("the ring still runs in FIFO order", out.subList(SIZE / 2 + 1, out.size()),
                    equalTo(in.subList(SIZE / 2, SIZE)));
        });
    }

    @Test
    @Points(2)
    void stealTakesHalfRoundedUpAndLosesNothing() {
        for (int n = 1; n <= SIZE; n++) {
            P victim = new P(rt, 0);
            P thief = new P(rt, 1);
            thief.status.store(P._Prunning);
            victim.status.store(P._Pidle);
            List<G> in = gs(rt, n);
            in.forEach(gp -> victim.runq.runqput(gp, false));
            G first = thief.runq.runqsteal(victim.runq, false);
            int stolen = (first == null ? 0 : 1) + thief.runq.size();
            assertThat("stealing from a queue of " + n + " takes ceil(n/2) = " + (n - n / 2)
                    + " Gs (n - n/2): one returned to run, the rest in the thief's ring", stolen, equalTo(n - n / 2));
            assertThat("the victim keeps the other n/2", victim.runq.size(), equalTo(n / 2));
            Set<G> seen = new HashSet<>();
            seen.add(first);
            for (G gp : drain(thief)) {
                assertThat("a G is stolen once", seen.add(gp), is(true));
            }
            for (G gp : drain(victim)) {
                assertThat("a G is either stolen or left, never both", seen.add(gp), is(true));
            }
            assertThat("no G lost stealing from " + n, seen, equalTo(new HashSet<>(in)));
        }
    }

    @Test
    @Points(1)
    void stealTakesTheOldestAndReturnsTheLastGrabbed() {
        P victim = new P(rt, 0);
        P thief = new P(rt, 1);
        victim.status.store(P._Pidle);
        List<G> in = gs(rt, 6);
        in.forEach(gp -> victim.runq.runqput(gp, false));
        G gp = thief.runq.runqsteal(victim.runq, false);
        assertThat("runqsteal grabs the victim's 3 oldest (from its head) and returns the last of them",
                gp, sameInstance(in.get(2)));
        assertThat("the other two go to the thief's ring, in order", drain(thief), equalTo(in.subList(0, 2)));
        assertThat("the victim keeps its newest three", drain(victim), equalTo(in.subList(3, 6)));
    }

    @Test
    @Points(1)
    void aThiefWithoutRoomForTheStolenGsThrowsGosMessage() {
        Harness.onAnM(() -> {
            P victim = new P(rt, 0);
            P thief = new P(rt, 1);
            victim.status.store(P._Pidle);
            for (G gp : gs(rt, 300)) { // the thief's ring has been used: head and tail at 300
                thief.runq.runqput(gp, false);
                thief.runq.runqget();
            }
            gs(rt, 10).forEach(gp -> victim.runq.runqput(gp, false));
            assertThat("a thief whose ring was used before steals 5 of 10 as usual (room = SIZE - (tail -"
                    + " head), not anything of tail + head)", thief.runq.runqsteal(victim.runq, false), notNullValue());
            assertThat("the 4 others wait in its ring", thief.runq.size(), equalTo(4));
        });
        FatalError e = Harness.deathOnAnM("runqsteal: runq overflow", () -> {
            P victim = new P(rt, 0);
            P thief = new P(rt, 1);
            victim.status.store(P._Pidle);
            gs(rt, SIZE).forEach(gp -> victim.runq.runqput(gp, false)); // a grab takes 128
            gs(rt, 129).forEach(gp -> thief.runq.runqput(gp, false)); // 129 + 127 more would be 256
            thief.runq.runqsteal(victim.runq, false);
        });
        assertThat("stealing 128 into a ring that holds 129: the 127 kept would fill it (Go throws when"
                + " tail - head + n >= 256)", e.getMessage(), equalTo("runqsteal: runq overflow"));
    }

    @Test
    @Points(1)
    void runnextIsStolenOnlyWhenAllowed() {
        P victim = new P(rt, 0);
        P thief = new P(rt, 1);
        victim.status.store(P._Pidle);
        G only = gs(rt, 1).get(0);
        victim.runq.runqput(only, true);
        assertThat("with stealRunNextG=false a victim whose ring is empty has nothing to steal, even with"
                + " a G in runnext", thief.runq.runqsteal(victim.runq, false), nullValue());
        assertThat("and keeps its runnext", victim.runq.runqempty(), is(false));
        assertThat("with stealRunNextG=true (stealWork's last pass) the thief takes runnext",
                thief.runq.runqsteal(victim.runq, true), sameInstance(only));
        assertThat("runnext was cleared (CAS to null): the victim is empty", victim.runq.runqempty(), is(true));
        assertThat("and cannot give the same G twice", victim.runq.runqget(), nullValue());
    }

    /**
     * An owner and a thief racing on one queue, each a goroutine on its own simulated M: the owner
     * runs {@code owner} on the victim's queue; the thief steals from it (runnext too) whenever
     * {@code when} says (given the ring's size), until the owner is done. Then every one of the
     * {@code n} Gs must have come out exactly once: taken by the owner, stolen, left in either
     * queue, or spilled to the global queue.
     */
    private static void race(String what, long seed, int n, OwnerSteps owner, IntPredicate when) {
        Gort q = Harness.boot(EXERCISE, 1); // owns the raced Ps and the global queue they spill to
        List<G> in = gs(q, n);
        P victim = new P(q, 0);
        P thief = new P(q, 1);
        victim.status.store(P._Pidle); // a running victim would make the thief wait before taking runnext
        List<G> ownerGot = new ArrayList<>();
        List<G> thiefGot = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
            Uint32 ownerDone = new Uint32();
            Sema done = new Sema();
            Gort.go(() -> {
                owner.run(victim, in, ownerGot);
                ownerDone.store(1);
                Sema.semrelease(done);
            });
            Gort.go(() -> {
                while (ownerDone.load() == 0) {
                    if (!when.test(victim.runq.size())) {
                        continue;
                    }
                    G gp = thief.runq.runqsteal(victim.runq, true);
                    if (gp != null) {
                        thiefGot.add(gp);
                    }
                    thiefGot.addAll(drain(thief));
                }
                Sema.semrelease(done);
            });
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
        List<G> out = new ArrayList<>(ownerGot);
        out.removeIf(gp -> gp == null);
        out.addAll(thiefGot);
        out.addAll(drain(victim));
        out.addAll(drain(thief));
        for (G gp = q.sched.runq.pop(); gp != null; gp = q.sched.runq.pop()) {
            out.add(gp);
        }
        everyGOnce(what + " (seed " + seed + ")", in, out);
    }

    /** What the owner does to its queue in {@link #race}, adding what it takes to {@code got}. */
    @FunctionalInterface
    private interface OwnerSteps {
        void run(P pp, List<G> in, List<G> got);
    }

    /** Fails naming the Gs lost or duplicated: {@code out} must hold every G of {@code in} once. */
    private static void everyGOnce(String what, List<G> in, List<G> out) {
        Set<G> seen = new HashSet<>();
        List<Long> twice = new ArrayList<>();
        for (G gp : out) {
            if (!seen.add(gp)) {
                twice.add(gp.goid);
            }
        }
        List<Long> lost = in.stream().filter(gp -> !seen.contains(gp)).map(gp -> gp.goid).toList();
        assertThat(what + ": Gs that came out twice (two consumers took the same slot: only a CAS that"
                + " fails for one of them prevents it)", twice, equalTo(List.of()));
        assertThat(what + ": Gs lost (put, but found in neither queue nor the global queue)", lost,
                equalTo(List.of()));
    }

    @Test
    @Points(2)
    void aThiefRacingTheOwnersSpillNeitherLosesNorDuplicatesAG() {
        // The owner fills its ring past 256 (runqputslow spills 129 to the global queue) while the
        // thief steals whenever the ring is nearly full: the two CASes of head race.
        Seeds.sweep(1, 30, seed -> race("700 Gs put by the owner (its full ring spilling half to the"
                + " global queue) while a thief stole from it", seed, 700, (pp, gs, got) -> {
                for (int i = 0; i < gs.size(); i++) {
                    pp.runq.runqput(gs.get(i), false);
                    if (i % 16 == 0) {
                        got.add(pp.runq.runqget()); // head moves, so the ring wraps around
                    }
                }
            }, size -> size >= SIZE - 2));
    }

    @Test
    @Points(2)
    void aThiefRacingTheOwnerForRunnextNeitherLosesNorDuplicatesAG() {
        // The owner puts two Gs with next=true (the second kicks the first to the ring) and takes
        // two back, while the thief, whenever the ring is empty, takes runnext: the CASes of runnext race.
        Seeds.sweep(1, 30, seed -> race("400 Gs put in runnext by the owner and taken back, while a thief"
                + " stole runnext from it", seed, 400, (pp, gs, got) -> {
                for (int i = 0; i < gs.size(); i += 2) {
                    pp.runq.runqput(gs.get(i), true);
                    pp.runq.runqput(gs.get(i + 1), true);
                    got.add(pp.runq.runqget());
                    got.add(pp.runq.runqget());
                }
            }, size -> true));
    }

    /**
     * A thief takes the runnext of a victim in {@code status} (its ring empty), on a simulated M:
     * returns the thief's usleep calls and the virtual nanoseconds the steal took.
     */
    private long[] stealRunnext(long seed, int status) {
        long[] out = new long[2];
        Harness.run(Harness.sim(EXERCISE, 1, seed), () -> {
            P victim = new P(Gort.current(), 0); // of the simulated runtime: the thief sleeps on its clock
            P thief = new P(Gort.current(), 1);
            victim.status.store(status);
            G only = gs(rt, 1).get(0);
            victim.runq.runqput(only, true);
            long[] before = Harness.osCalls();
            long t0 = Gort.current().os.nanotime();
            G got = thief.runq.runqsteal(victim.runq, true);
            out[1] = Gort.current().os.nanotime() - t0;
            out[0] = Harness.delta(before, Harness.osCalls(), SimOs.Call.USLEEP);
            assertThat("stealing runnext from a victim whose ring is empty (stealRunNextG)", got, sameInstance(only));
        });
        return out;
    }

    @Test
    @Points(1)
    void aThiefWaits3usBeforeTakingARunningVictimsRunnext() {
        Seeds.sweep(1, 4, seed -> {
            long[] running = stealRunnext(seed, P._Prunning);
            assertThat("usleeps of a thief taking the runnext of a running P: it sleeps once first, since"
                    + " that P is likely about to run the G itself", running[0], equalTo(1L));
            assertThat("virtual ns that steal took: Go's usleep(3), 3 us and the steal's own few steps",
                    running[1], allOf(greaterThanOrEqualTo(3_000L), lessThan(4_000L)));
            assertThat("usleeps of a thief taking the runnext of an idle P: nobody will run it, so no wait",
                    stealRunnext(seed, P._Pidle)[0], equalTo(0L));
        });
    }

    /** Runs n goroutines (some spawning one more) on procs Ps; returns how often each id ran. */
    private static int[] workload(Gort rt, int n) {
        AtomicIntegerArray ran = new AtomicIntegerArray(2 * n);
        Harness.run(rt, () -> {
            Sema done = new Sema();
            for (int i = 0; i < n; i++) {
                int id = i;
                Gort.go(() -> {
                    ran.incrementAndGet(id);
                    if (id % 4 == 0) {
                        Gort.go(() -> {
                            ran.incrementAndGet(n + id);
                            Sema.semrelease(done);
                        });
                    } else {
                        Sema.semrelease(done);
                    }
                });
            }
            for (int i = 0; i < n; i++) {
                Sema.semacquire(done);
            }
        });
        int[] counts = new int[2 * n];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = ran.get(i);
        }
        return counts;
    }

    private static Set<Integer> ranOnce(int[] counts, Set<Integer> twice) {
        Set<Integer> once = new HashSet<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                once.add(i);
            } else if (counts[i] > 1) {
                twice.add(i);
            }
        }
        return once;
    }

    @Test
    @Points(3)
    void underStealingAndSpillingEveryGoroutineRunsOnceAsWithTheReference() {
        // 300 goroutines started at once overflow a ring (runqputslow) while 2 other Ps steal.
        Seeds.sweep(1, 6, seed -> {
            Set<Integer> refTwice = ConcurrentHashMap.newKeySet();
            Set<Integer> yoursTwice = ConcurrentHashMap.newKeySet();
            Set<Integer> ref = ranOnce(workload(Harness.simReference(3, seed), 300), refTwice);
            Set<Integer> yours = ranOnce(workload(Harness.sim(EXERCISE, 3, seed), 300), yoursTwice);
            assertThat("goroutines that ran more than once: a G was duplicated (taken by two consumers"
                    + " whose CAS of head should have failed for one)", yoursTwice, equalTo(Set.of()));
            assertThat("the goroutines that ran with your run queue are those that ran with the"
                    + " reference's (300 + 75)", yours, equalTo(ref));
            assertThat(refTwice, equalTo(Set.of()));
        });
    }
}
