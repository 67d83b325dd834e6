package dev.gort.chapters.stacks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import dev.gort.grader.api.Exercise;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.part.StackAllocPart;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import dev.gort.runtime.stack.Stacks;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Chapter 02's visible tests: one small, fast check per exercise, run on your part inside the
 * reference runtime on the simulated OS (seed 1). {@code ./workbook check 02} runs them;
 * {@code ./workbook grade 02} adds the hidden ones.
 */
class StacksTest {
    private static final long SEED = 1;
    /** A frame of 4 slots; slot 1 holds a pointer (to the caller's slot 0). */
    private static final Func DOWN = Func.of("chapter02.down", 4, 1);

    /** Runs body as the main goroutine of a simulated runtime with only exercise's part yours. */
    private static void run(String exercise, Runnable body) {
        Gort.boot(Chapter02.config(exercise, 1).stderr(dev.gort.grader.api.SuiteHarness.quiet())
                .simulated(SEED)).run(body);
    }

    /** n frames deep, each pointing at its caller's value; checks every pointer on the way back. */
    private static void down(int caller, int n) {
        int f = Frame.enter(DOWN);
        Frame.put(f, 0, n);
        if (caller != 0) {
            Frame.put(f, 1, Frame.addr(caller, 0));
        }
        if (n > 0) {
            down(f, n - 1);
        }
        if (caller != 0 && Frame.load(Frame.get(f, 1)) != n + 1) {
            throw new AssertionError("at depth " + n + " the pointer to the caller's variable reads "
                    + Frame.load(Frame.get(f, 1)) + " instead of " + (n + 1) + ": a pointer into the"
                    + " old stack was not adjusted when the stack moved");
        }
        Frame.leave(f);
    }

    @Test
    @Exercise("stackalloc")
    void aFreedStackIsTheNextOneHandedOutAndEveryByteIsCounted() {
        List<Long> seen = new ArrayList<>();
        run("stackalloc", () -> {
            Gort rt = Gort.current();
            StackAllocPart a = rt.stackalloc;
            long sys = rt.readMemStats().stackSys();
            long x = a.stackalloc(4096);
            long y = a.stackalloc(4096);
            a.stackfree(x, 4096);
            seen.add(a.stackalloc(4096) == x ? 1L : 0L);
            seen.add(y - x == 4096 || x - y == 4096 ? 1L : 0L);
            seen.add(rt.readMemStats().stackSys() - sys);
            long big = a.stackalloc(64 << 10);
            seen.add(rt.readMemStats().stackSys() - sys);
            a.stackfree(big, 64 << 10);
            seen.add(rt.readMemStats().stackSys() - sys);
        });
        assertThat("[the stack freed last is reused first (the P's cache is a stack), two 4 KB stacks of"
                + " one span are neighbours, one 32 KB span in stacks_sys, a 64 KB stack is its own"
                + " sysAlloc, and sysFree gives it back]", seen, equalTo(List.of(1L, 1L, 32768L,
                32768L + 65536, 32768L)));
    }

    @Test
    @Exercise("newstack")
    void aStackDoublesUntilTheFrameFitsAndOverflowIsGosMessage() {
        long[] size = new long[1];
        run("newstack", () -> {
            G gp = Gort.getg();
            down(0, 100); // 100 frames of 40 bytes: 4 KB used
            size[0] = gp.stackHi - gp.stackLo;
        });
        assertThat("100 frames of 40 bytes need 4 KB plus the 928-byte guard: 2 KB doubles twice",
                size[0], equalTo(8192L));
        FatalError e = Assertions.assertThrows(FatalError.class, () -> Gort.boot(Chapter02
                .config("newstack", 1).maxStackSize(16 << 10).stderr(dev.gort.grader.api.SuiteHarness.quiet())
                .simulated(SEED)).run(() -> down(0, 1 << 20)));
        assertThat("past maxStackSize newstack prints Go's limit line and throws", e.output(),
                containsString("runtime: goroutine stack exceeds 16384-byte limit\n"));
        assertThat(e.getMessage(), equalTo("stack overflow"));
    }

    @Test
    @Exercise("copystack")
    void pointersToStackVariablesSurviveEveryMove() {
        long[] size = new long[1];
        run("copystack", () -> {
            G gp = Gort.getg();
            down(0, 500); // grows 2 -> 4 -> ... -> 32 KB, copying each time
            size[0] = gp.stackHi - gp.stackLo;
        });
        assertThat(size[0], equalTo(32768L));
    }

    @Test
    @Exercise("shrinkstack")
    void anIdleStackIsHalvedButNeverBelowTwoKilobytes() {
        List<Long> sizes = new ArrayList<>();
        run("shrinkstack", () -> {
            G gp = Gort.getg();
            down(0, 300);
            sizes.add(gp.stackHi - gp.stackLo);
            for (int i = 0; i < 6; i++) {
                Stacks.shrinkstack(gp);
                sizes.add(gp.stackHi - gp.stackLo);
            }
        });
        assertThat("each shrink of an unused stack halves it, down to 2 KB and no further", sizes,
                equalTo(List.of(16384L, 8192L, 4096L, 2048L, 2048L, 2048L, 2048L)));
    }
}
