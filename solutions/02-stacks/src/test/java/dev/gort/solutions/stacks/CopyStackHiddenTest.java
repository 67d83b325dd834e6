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
import dev.gort.runtime.stack.Func;
import dev.gort.runtime.stack.Stacks;
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
                Stacks.shrinkstack(gp); // in use: no change
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

    /** A frame whose pointer map names slot 0 (the first slot) and slot 63 (a 64-slot map's last bit). */
    private static final Func EDGES = Func.of("runtime_test.edges", 64, 0, 63);

    @Test
    @Points(2)
    void theFirstAndLastSlotsOfAPointerMapAreAdjusted() {
        List<String> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            int v = Frame.enter(Harness.GROW);
            Frame.put(v, 0, 77);
            int f = Frame.enter(EDGES);
            Frame.put(f, 0, Frame.addr(v, 0));
            Frame.put(f, 63, Frame.addr(v, 0));
            Harness.grow(0, 300, () -> { });
            seen.add(Frame.load(Frame.get(f, 0)) + "," + Frame.load(Frame.get(f, 63)));
            Frame.leave(f);
            Frame.leave(v);
        });
        assertThat("[slots 0 and 63 still reach the caller's 77 after the moves]", seen,
                equalTo(List.of("77,77")));
    }

    /** Go's adjustpointer: a word is moved iff old.lo <= p < old.hi; (0, 4096) is a bad pointer. */
    @Test
    @Points(2)
    void theBoundsOfWhatMovesAreExact() {
        List<Long> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            G gp = Gort.getg();
            long oldLo = gp.stackLo;
            long oldHi = gp.stackHi;
            int f = Frame.enter(EDGES);
            Frame.put(f, 0, oldLo);                                  // the stack's first byte: moves
            Frame.put(f, 63, oldHi);                                 // one past its end: stays
            int g = Frame.enter(Harness.GROW);
            Frame.put(g, 1, Stacks.MIN_LEGAL_POINTER); // 4096: a legal pointer
            Harness.grow(0, 300, () -> { });
            long delta = gp.stackHi - oldHi;
            seen.add(Frame.get(f, 0) - (oldLo + delta));
            seen.add(Frame.get(f, 63) - oldHi);
            seen.add(Frame.get(g, 1));
            Frame.leave(g);
            Frame.leave(f);
        });
        assertThat("[lo moved by new.hi - old.hi, hi left alone, 4096 left alone]", seen,
                equalTo(List.of(0L, 0L, 4096L)));
    }

    @Test
    @Points(1)
    void oneIsAnInvalidPointerToo() {
        FatalError e = Harness.death(Harness.config(EXERCISE, 1), () -> {
            int f = Frame.enter(Harness.GROW);
            Frame.put(f, 1, 1);
            Harness.grow(0, 100, () -> { });
        });
        assertThat(e.getMessage(), equalTo("invalid pointer found on stack"));
    }
}
