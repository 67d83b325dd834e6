package dev.gort.solutions.stacks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import dev.gort.runtime.stack.Stacks;
import org.junit.jupiter.api.Test;

/** Exercise shrinkstack: the quarter rule, the floor, ownership, shrinking a blocked G, TestStackMem. */
@Exercise("shrinkstack")
class ShrinkStackHiddenTest {
    private static final String EXERCISE = "shrinkstack";

    @Test
    @Points(2)
    void aStackUsingAQuarterOrMoreIsKept() {
        List<Long> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            Harness.grow(0, 250, () -> { }); // 251 x 56 = 14056 bytes: 16 KB
            Harness.grow(0, 40, () -> {      // 41 x 56 + 800 = 3096 bytes: under a quarter of 16 KB
                Stacks.shrinkstack(gp);
                seen.add(gp.stackHi - gp.stackLo);
                Stacks.shrinkstack(gp);      // 3096 >= 8 KB / 4: kept
                seen.add(gp.stackHi - gp.stackLo);
            });
        });
        assertThat("[halved while hi - sp + 800 < size / 4, kept once it is not]", seen,
                equalTo(List.of(8192L, 8192L)));
    }

    /** Shrinking a goroutine blocked in the runtime: its frames and their pointers survive the move. */
    @Test
    @Points(3)
    void shrinkingDuringABlockedOperation() {
        Seeds.sweep(1, 6, seed -> {
            long[] sizes = new long[2];
            Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
                Sema parked = new Sema();
                Sema wake = new Sema();
                G[] other = new G[1];
                Gort.go(() -> {
                    other[0] = Gort.getg();
                    Harness.grow(0, 600, () -> { }); // 64 KB, then back up
                    Harness.grow(0, 5, () -> {
                        Sema.semrelease(parked);
                        Sema.semacquire(wake); // blocked 6 frames deep while main shrinks it
                    });
                    Sema.semrelease(parked);
                });
                Sema.semacquire(parked);
                G g = other[0];
                while (g.readgstatus() != G._Gwaiting) {
                    Gort.gosched();
                }
                sizes[0] = g.stackHi - g.stackLo;
                Stacks.shrinkstack(g);
                sizes[1] = g.stackHi - g.stackLo;
                Sema.semrelease(wake);
                Sema.semacquire(parked); // grow's checks ran after the move: data intact
            });
            assertThat(sizes[1] * 2, equalTo(sizes[0]));
        });
    }

    @Test
    @Points(1)
    void shrinkingARunningGoroutineFromOutsideIsGosThrow() {
        FatalError e = Harness.death(Harness.config(EXERCISE, 1), () -> {
            G gp = Gort.getg();
            Harness.grow(0, 300, () -> { });
            gp.rt.parts.shrinkstack().shrinkstack(gp); // not on g0, no _Gscan: the caller does not own it
        });
        assertThat(e.getMessage(), equalTo("bad status in shrinkstack"));
    }

    /** Go: TestStackMem. Rounds of goroutines growing deep stacks: stack memory stays bounded. */
    @Test
    @Points(2)
    void stackMemoryStaysBounded() {
        long[] sys = new long[5];
        Harness.run(Harness.sim(EXERCISE, 2, 1), () -> {
            Gort rt = Gort.current();
            for (int round = 0; round < sys.length; round++) {
                Sema done = new Sema();
                for (int i = 0; i < 20; i++) {
                    Gort.go(() -> {
                        G gp = Gort.getg();
                        Harness.grow(0, 250, () -> { });
                        Stacks.shrinkstack(gp);
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 20; i++) {
                    Sema.semacquire(done);
                }
                sys[round] = rt.readMemStats().stackSys();
            }
        });
        assertThat("stacks_sys after the last round, against 2x the first's: " + java.util.Arrays.toString(sys),
                sys[sys.length - 1], lessThanOrEqualTo(2 * sys[0]));
    }

    @Test
    @Points(1)
    void neverBelowTheStartingSize() {
        long[] size = new long[1];
        Seeds.sweep(1, 2, seed -> Harness.run(Harness.sim(EXERCISE, 1, seed), () -> {
            G gp = Gort.getg();
            for (int i = 0; i < 5; i++) {
                Stacks.shrinkstack(gp);
            }
            size[0] = gp.stackHi - gp.stackLo;
        }));
        assertThat(size[0], equalTo(2048L));
    }

    /**
     * The quarter rule at its edge, on a waiting G with an 8 KB stack: hi - sp + 800 of 1800 bytes
     * (under 2048) halves it; 2048 (exactly a quarter) and 2400 keep it.
     */
    @Test
    @Points(2)
    void theQuarterRuleAtItsEdge() {
        List<Long> seen = new ArrayList<>();
        for (int used : new int[] {1800, 2048, 2400}) {
            Func frame = Func.of("runtime_test.used",
                    (used - Stacks.STACK_NOSPLIT) / 8 - 1);
            Func big = Func.of("runtime_test.big", 5000 / 8);
            Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
                Sema parked = new Sema();
                Sema wake = new Sema();
                G[] other = new G[1];
                Gort.go(() -> {
                    other[0] = Gort.getg();
                    Frame.leave(Frame.enter(big)); // 8 KB
                    int f = Frame.enter(frame);
                    Sema.semrelease(parked);
                    Sema.semacquire(wake);
                    Frame.leave(f);
                });
                Sema.semacquire(parked);
                G g = other[0];
                while (g.readgstatus() != G._Gwaiting) {
                    Gort.gosched();
                }
                Stacks.shrinkstack(g);
                seen.add(g.stackHi - g.stackLo);
                Sema.semrelease(wake);
            });
        }
        assertThat("[sizes after a shrink with 1800, 2048, 2400 bytes used of 8192]", seen,
                equalTo(List.of(4096L, 8192L, 8192L)));
    }

    @Test
    @Points(1)
    void aTwoKilobyteStackIsNeverShrunk() {
        long[] size = new long[1];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            Sema parked = new Sema();
            G[] other = new G[1];
            Gort.go(() -> {
                other[0] = Gort.getg();
                Sema.semacquire(parked);
            });
            while (other[0] == null || other[0].readgstatus() != G._Gwaiting) {
                Gort.gosched();
            }
            Stacks.shrinkstack(other[0]);
            size[0] = other[0].stackHi - other[0].stackLo;
            Sema.semrelease(parked);
        });
        assertThat(size[0], equalTo(2048L));
    }

    @Test
    @Points(1)
    void aGoroutineWithoutAStackIsGosThrow() {
        Gort rt = Gort.boot(Harness.config(EXERCISE, 1));
        G gp = G.malg(rt); // allocated, never given a stack
        FatalError e = assertThrows(FatalError.class,
                () -> rt.parts.shrinkstack().shrinkstack(gp));
        assertThat(e.getMessage(), equalTo("missing stack in shrinkstack"));
    }
}
