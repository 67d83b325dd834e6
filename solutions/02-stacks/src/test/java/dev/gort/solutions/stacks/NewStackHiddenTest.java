package dev.gort.solutions.stacks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.util.ArrayList;
import java.util.List;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.part.CopyStackPart;
import dev.gort.runtime.stack.CopyStack;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import dev.gort.runtime.stack.Stacks;
import org.junit.jupiter.api.Test;

/** Exercise newstack: Go's TestStackGrowth, the doubling policy, overflow, and preemption at the prologue. */
@Exercise("newstack")
class NewStackHiddenTest {
    private static final String EXERCISE = "newstack";

    /** Go: TestStackGrowth. Plain goroutines recursing with pointers to stack variables, on 2 Ps. */
    @Test
    @Points(3)
    void stackGrowthInManyGoroutines() {
        Seeds.sweep(1, 6, seed -> {
            long[] sizes = new long[8];
            Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
                Sema done = new Sema();
                for (int i = 0; i < sizes.length; i++) {
                    int id = i;
                    Gort.go(() -> {
                        G gp = Gort.getg();
                        Harness.grow(0, 100 * (id + 1), () -> { });
                        sizes[id] = gp.stackHi - gp.stackLo;
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < sizes.length; i++) {
                    Sema.semacquire(done);
                }
            });
            for (int i = 0; i < sizes.length; i++) {
                long used = 56L * (100 * (i + 1) + 1);
                long want = 2048;
                while (want - 928 < used) {
                    want *= 2;
                }
                assertThat("goroutine " + i + " used " + used + " bytes of frames: its stack doubles until"
                        + " the frames and the 928-byte guard fit", sizes[i], equalTo(want));
            }
        });
    }

    @Test
    @Points(2)
    void aFrameBiggerThanDoubleDoublesAgainUntilItFits() {
        long[] size = new long[1];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            int f = Frame.enter(Harness.BIG); // 8008 bytes on a 2 KB stack
            size[0] = Gort.getg().stackHi - Gort.getg().stackLo;
            Frame.leave(f);
        });
        assertThat("newsize doubles while newsize - used < frame + stackGuard: 2 KB -> 16 KB at once",
                size[0], equalTo(16384L));
    }

    @Test
    @Points(2)
    void overflowPrintsGosLinesAndThrows() {
        FatalError e = Harness.death(Harness.config(EXERCISE, 1).maxStackSize(256 << 10),
                () -> Harness.grow(0, 1 << 24, () -> { }));
        assertThat(e.getMessage(), equalTo("stack overflow"));
        assertThat(e.output(), containsString("runtime: goroutine stack exceeds 262144-byte limit\n"
                + "runtime: sp=0x"));
        assertThat(e.output(), containsString("fatal error: stack overflow\n"));
    }

    /** Go: a loop that only makes calls is preempted at a prologue (cooperative preemption, before 1.14). */
    @Test
    @Points(3)
    void aLoopThatOnlyMakesCallsIsPreempted() {
        Seeds.sweep(1, 4, seed -> {
            long[] calls = new long[1];
            Harness.run(Harness.sim(EXERCISE, 1, seed), () -> {
                boolean[] stop = new boolean[1];
                Gort.go(() -> {
                    while (!stop[0]) {
                        int f = Frame.enter(Harness.GROW);
                        Frame.leave(f);
                        calls[0]++;
                    }
                });
                while (calls[0] == 0) {
                    Gort.gosched();
                }
                stop[0] = true; // reached only if sysmon's request stopped the loop at a prologue
            });
            assertThat(calls[0], greaterThan(0L));
        });
    }

    @Test
    @Points(2)
    void aGoroutineHoldingLocksIsNotPreemptedButLaterIs() {
        List<String> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            M mp = M.acquirem();
            gp.preempt = true;
            gp.stackguard0 = Stacks.STACK_PREEMPT;
            int f = Frame.enter(Harness.GROW); // m.locks > 0: may not be preempted now
            Frame.leave(f);
            seen.add(gp.m == mp && gp.stackguard0 != Stacks.STACK_PREEMPT
                    ? "ran on, guard restored" : "preempted while holding locks");
            seen.add(gp.preempt ? "request kept" : "request lost");
            M.releasem(mp);
            gp.stackguard0 = Stacks.STACK_PREEMPT;
            f = Frame.enter(Harness.GROW); // now it yields, and comes back
            Frame.leave(f);
            seen.add(gp.preempt ? "not preempted" : "preempted");
        });
        assertThat(seen, equalTo(List.of("ran on, guard restored", "request kept", "preempted")));
    }

    /** newstack's copies, recorded by a copystack that checks the G's status and counts the moves. */
    private static final class Copies implements CopyStackPart {
        final CopyStackPart base;
        final List<String> seen = new ArrayList<>();

        Copies(CopyStackPart base) {
            this.base = base != null ? base : new CopyStack();
        }

        @Override
        public void copystack(G gp, long newsize) {
            seen.add(newsize + (gp.readgstatus() == G._Gcopystack ? "" : " while " + G.statusString(gp.readgstatus())));
            base.copystack(gp, newsize);
        }
    }

    private static Config counting(Copies c) {
        Config config = Harness.config(EXERCISE, 1);
        return config.parts(config.parts().copystack(c));
    }

    /** One copy per growth, to the size the policy says, with the G in _Gcopystack while it moves. */
    @Test
    @Points(2)
    void aGrowthIsOneCopyUnderGcopystack() {
        Copies c = new Copies(Harness.config(EXERCISE, 1).parts().copystack());
        Harness.run(Harness.sim(counting(c), 1), () -> {
            int f = Frame.enter(Harness.BIG); // 8008 + 928 bytes: 2 KB -> 16 KB in one copy
            Frame.leave(f);
        });
        assertThat(c.seen, equalTo(List.of("16384")));
    }

    /** With 1000 bytes already used, a 2568-byte frame needs 8 KB: the used part counts against the new size. */
    @Test
    @Points(1)
    void theUsedPartCountsWhenTheStackDoubles() {
        Copies c = new Copies(Harness.config(EXERCISE, 1).parts().copystack());
        Func below = Func.of("runtime_test.below", 124); // 1000 bytes
        Func above = Func.of("runtime_test.above", 320); // 2568 bytes + 928 of guard
        Harness.run(Harness.sim(counting(c), 1), () -> {
            int f = Frame.enter(below);
            int g = Frame.enter(above); // 4096 - 1000 < 3496: 8 KB, in one copy
            Frame.leave(g);
            Frame.leave(f);
        });
        assertThat(c.seen, equalTo(List.of("8192")));
    }

    /** A stale request (stackPreempt, but nothing asked any more): the guard comes back and the G runs on. */
    @Test
    @Points(1)
    void aStalePreemptionRequestOnlyRestoresTheGuard() {
        long[] seen = new long[2];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            int schedtick = gp.m.p.schedtick;
            gp.preempt = false;
            gp.stackguard0 = Stacks.STACK_PREEMPT;
            int f = Frame.enter(Harness.GROW);
            Frame.leave(f);
            seen[0] = gp.stackguard0 - gp.stackLo;
            seen[1] = gp.m.p.schedtick - schedtick; // a guard left at stackPreempt spins until sysmon preempts
        });
        assertThat("[stackguard0 - lo, times rescheduled]", seen[0] + "," + seen[1],
                equalTo(Stacks.STACK_GUARD + ",0"));
    }

    /** newsize - used == needed exactly: the doubling stops there (the frame fits, guard included). */
    @Test
    @Points(1)
    void aFrameThatExactlyFitsTheDoubledStackStopsTheDoubling() {
        long[] size = new long[1];
        Func exact = Func.of("runtime_test.exact",
                (4096 - Stacks.STACK_GUARD) / 8 - 1);
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            Sema done = new Sema();
            Gort.go(() -> { // a fresh goroutine: nothing on its stack yet
                int f = Frame.enter(exact);
                size[0] = Gort.getg().stackHi - Gort.getg().stackLo;
                Frame.leave(f);
                Sema.semrelease(done);
            });
            Sema.semacquire(done);
        });
        assertThat(size[0], equalTo(4096L));
    }

    /** Go's stackForceMove (a debugging mode): the stack moves but keeps its size. */
    @Test
    @Points(1)
    void stackForceMoveMovesTheStackAtTheSameSize() {
        List<Long> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            long lo = gp.stackLo;
            long size = gp.stackHi - gp.stackLo;
            gp.stackguard0 = Stacks.STACK_FORCE_MOVE;
            int f = Frame.enter(Harness.GROW);
            Frame.leave(f);
            seen.add(gp.stackHi - gp.stackLo - size);
            seen.add(gp.stackLo == lo ? 0L : 1L);
        });
        assertThat("[same size, moved]", seen, equalTo(List.of(0L, 1L)));
    }

    /** A stack may grow to exactly the maximum; one more doubling is the overflow. */
    @Test
    @Points(1)
    void aStackMayReachTheMaximumExactly() {
        long[] size = new long[1];
        Harness.run(Harness.sim(Harness.config(EXERCISE, 1).maxStackSize(64 << 10), 1), () -> {
            G gp = Gort.getg();
            Harness.grow(0, 900, () -> size[0] = gp.stackHi - gp.stackLo); // 50 KB of frames
        });
        assertThat(size[0], equalTo(64L << 10));
    }

    /**
     * A request only to shrink (preemptShrink, no preempt): newstack halves the stack, clears the
     * request, restores the guard and lets the G run on.
     */
    @Test
    @Points(2)
    void aShrinkRequestAtThePrologueShrinksAndRunsOn() {
        List<String> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            M mp = gp.m;
            Harness.grow(0, 250, () -> { }); // 16 KB, then back to the top
            gp.preemptShrink = true;
            gp.stackguard0 = Stacks.STACK_PREEMPT; // as a GC's scan asks
            int f = Frame.enter(Harness.GROW);
            Frame.leave(f);
            seen.add((gp.stackHi - gp.stackLo) + " bytes, shrink " + (gp.preemptShrink ? "still asked" : "done")
                    + ", guard " + (gp.stackguard0 == gp.stackLo + Stacks.STACK_GUARD
                    ? "lo + 928" : "0x" + Long.toHexString(gp.stackguard0))
                    + ", " + (gp.m == mp ? "ran on" : "rescheduled"));
        });
        assertThat(seen, equalTo(List.of("8192 bytes, shrink done, guard lo + 928, ran on")));
    }

    @Test
    @Points(1)
    void aPutOffPreemptionRestoresTheGuardExactly() {
        long[] guard = new long[1];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            M mp = M.acquirem();
            gp.preempt = true;
            gp.stackguard0 = Stacks.STACK_PREEMPT;
            int f = Frame.enter(Harness.GROW);
            Frame.leave(f);
            guard[0] = gp.stackguard0 - gp.stackLo;
            M.releasem(mp);
        });
        assertThat("stackguard0 - stack.lo after a preemption put off", guard[0],
                equalTo((long) Stacks.STACK_GUARD));
    }
}
