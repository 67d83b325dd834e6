package dev.gort.solutions.scheduler;

import static dev.gort.solutions.scheduler.Harness.gs;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import dev.gort.runtime.lock.Sema;
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
            List<G> in = gs(rt, SIZE + 1);
            for (G gp : in) {
                pp.runq.runqput(gp, false);
            }
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
