package dev.gort.solutions.stacks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import org.junit.jupiter.api.Test;

/** Exercise copystack: values and pointers intact after every move; non-pointers and outside pointers left alone. */
@Exercise("copystack")
class CopyStackHiddenTest {
    private static final String EXERCISE = "copystack";

    /** Go: TestStackGrowth's recursion, with a collection and a shrink attempt at the bottom. */
    @Test
    @Points(3)
    void deepRecursionKeepsValuesAndPointersWithGcAtTheBottom() {
        Seeds.sweep(1, 4, seed -> Harness.run(Harness.sim(EXERCISE, 2, seed), () -> {
            G gp = Gort.getg();
            Harness.grow(0, 2000, () -> {
                Gort.gc();
                dev.gort.runtime.stack.Stacks.shrinkstack(gp); // in use: no change
            });
        }));
    }

    @Test
    @Points(2)
    void aPointerOutsideTheStackIsLeftAlone() {
        long[] seen = new long[2];
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            Gort rt = Gort.current();
            long outside = rt.stackalloc.stackalloc(2048); // memory that is not this G's stack
            rt.mem.space.putLong(outside, 99);
            int f = Frame.enter(Harness.GROW);
            Frame.put(f, 1, outside);
            Harness.grow(0, 300, () -> { });
            seen[0] = Frame.get(f, 1) - outside;
            seen[1] = Frame.load(Frame.get(f, 1));
            Frame.leave(f);
        });
        assertThat("[a pointer outside [old.lo, old.hi) keeps its value, and still reads 99]", seen[0] + ","
                + seen[1], equalTo("0,99"));
    }

    @Test
    @Points(2)
    void aSmallNonZeroPointerIsAnInvalidPointerOnTheStack() {
        FatalError e = Harness.death(Harness.config(EXERCISE, 1), () -> {
            int f = Frame.enter(Harness.GROW);
            Frame.put(f, 1, 0x10);
            Harness.grow(0, 100, () -> { });
        });
        assertThat(e.getMessage(), equalTo("invalid pointer found on stack"));
        assertThat(e.output(), containsString("runtime: bad pointer in frame runtime_test.growStack at 0x"));
        assertThat(e.output(), containsString(": 0x10\n"));
    }

    @Test
    @Points(2)
    void theOldStackIsFreedAndTheBoundsMove() {
        List<Long> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 3), () -> {
            Gort rt = Gort.current();
            G gp = Gort.getg();
            long inuse = rt.stackalloc.inuse();
            Harness.grow(0, 200, () -> {
                seen.add(gp.stackHi - gp.stackLo);
                seen.add(gp.stackguard0 - gp.stackLo);
            });
            seen.add(rt.stackalloc.inuse() - inuse);
        });
        assertThat("[16 KB after growing, stackguard0 = lo + 928, only the new stack in use (14 KB more)]",
                seen, equalTo(List.of(16384L, 928L, 16384L - 2048)));
    }

    @Test
    @Points(2)
    void manyGoroutinesGrowingAtOnceKeepTheirOwnData() {
        Seeds.sweep(1, 6, seed -> Harness.run(Harness.sim(EXERCISE, 3, seed), () -> {
            Sema done = new Sema();
            for (int i = 0; i < 12; i++) {
                int depth = 50 + 37 * i;
                Gort.go(() -> {
                    Harness.grow(0, depth, Gort::gosched);
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < 12; i++) {
                Sema.semacquire(done);
            }
        }));
    }
}
