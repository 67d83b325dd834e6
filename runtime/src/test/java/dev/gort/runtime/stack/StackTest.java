package dev.gort.runtime.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.directive.SystemStack;
import dev.gort.runtime.lock.Sema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Growable stacks: frames, growth by copying with pointers adjusted, shrinking, overflow, g0. */
class StackTest {
    /** A frame of 8 slots: slot 0 a value, slot 1 a pointer to the caller's slot 0. */
    static final Func GROW = Func.of("stack.grow", 8, 1);
    static final Func SYS = Func.of(StackTest.class, "onSystemStackOnly", 1);

    private static Config quiet(int procs) {
        return Config.defaults().gomaxprocs(procs).stderr(new PrintStream(new ByteArrayOutputStream()));
    }

    private static void run(Config c, Runnable main) {
        Gort.boot(c).run(main);
    }

    private static FatalError death(Config c, Runnable main) {
        return assertThrows(FatalError.class, () -> Gort.boot(c).run(main));
    }

    /**
     * Recurses depth levels; each frame points at its caller's value. Afterwards (the stack having
     * moved many times in between) each pointer must still reach its caller's value.
     */
    static void grow(int parent, long depth, Runnable atBottom) {
        int f = Frame.enter(GROW);
        try {
            Frame.put(f, 0, depth * 7 + 1);
            if (parent != 0) {
                Frame.put(f, 1, Frame.addr(parent, 0)); // an argument: read from the caller's frame
            }
            if (depth > 0) {
                grow(f, depth - 1, atBottom);
            } else {
                atBottom.run();
            }
            long p = Frame.get(f, 1);
            if (parent != 0 && Frame.load(p) != (depth + 1) * 7 + 1) {
                throw new AssertionError("depth " + depth + ": the pointer to the caller's variable reads "
                        + Frame.load(p) + " (0x" + Long.toHexString(p) + ")");
            }
            if (Frame.get(f, 0) != depth * 7 + 1) {
                throw new AssertionError("depth " + depth + ": the frame's own value changed");
            }
        } finally {
            Frame.leave(f);
        }
    }

    @Test
    void deepRecursionGrowsTheStackAndKeepsPointersToStackVariables() {
        long[] sizes = new long[2];
        run(quiet(1), () -> {
            G gp = Gort.getg();
            grow(0, 1000, () -> sizes[0] = gp.stackHi - gp.stackLo);
            sizes[1] = gp.stackHi - gp.stackLo;
        });
        // 1000 frames of 72 bytes: 72 KB used, so the stack doubled from 2 KB to 128 KB
        assertThat(sizes[0], equalTo(128L << 10));
        assertThat("a stack keeps its size until shrunk", sizes[1], equalTo(128L << 10));
    }

    @Test
    void shrinkingAtTheBottomKeepsPointersAndShrinkingAfterHalves() {
        long[] sizes = new long[3];
        run(quiet(2), () -> {
            G gp = Gort.getg();
            grow(0, 300, () -> {
                sizes[0] = gp.stackHi - gp.stackLo;
                Stacks.shrinkstack(gp); // in use: no change
            });
            Stacks.shrinkstack(gp);
            sizes[1] = gp.stackHi - gp.stackLo;
            for (int i = 0; i < 10; i++) {
                Stacks.shrinkstack(gp);
            }
            sizes[2] = gp.stackHi - gp.stackLo;
        });
        assertThat(sizes[0], equalTo(32L << 10));
        assertThat(sizes[1], equalTo(16L << 10));
        assertThat("never below the starting size", sizes[2], equalTo(2048L));
    }

    @Test
    void aWaitingGoroutinesStackIsShrunkByAnotherAndStaysIntact() {
        long[] sizes = new long[2];
        run(quiet(2), () -> {
            Sema parked = new Sema();
            Sema done = new Sema();
            G[] other = new G[1];
            Gort.go(() -> {
                other[0] = Gort.getg();
                grow(0, 200, () -> { });
                grow(0, 3, () -> {
                    Sema.semrelease(parked);
                    Sema.semacquire(done); // blocked here, 4 frames deep, while main shrinks it
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
            Sema.semrelease(done);
            Sema.semacquire(parked);
        });
        assertThat(sizes[0], equalTo(16L << 10));
        assertThat(sizes[1], equalTo(8L << 10));
    }

    @Test
    void overflowPrintsGosLimitAndDies() {
        FatalError e = death(quiet(1).maxStackSize(64 << 10), () -> grow(0, 1_000_000, () -> { }));
        assertThat(e.getMessage(), equalTo("stack overflow"));
        assertThat(e.output(), containsString("runtime: goroutine stack exceeds 65536-byte limit\n"));
        assertThat(e.output(), containsString("fatal error: stack overflow"));
    }

    @Test
    void aBadPointerInAFrameIsFoundWhenTheStackMoves() {
        FatalError e = death(quiet(1), () -> {
            int f = Frame.enter(GROW);
            Frame.put(f, 1, 5);
            grow(0, 100, () -> { });
        });
        assertThat(e.getMessage(), equalTo("invalid pointer found on stack"));
        assertThat(e.output(), containsString("runtime: bad pointer in frame stack.grow at 0x"));
    }

    @Test
    void g0sStackIsFixedAndOverflowingItIsMorestackOnG0() {
        FatalError e = death(quiet(1), () -> Switch.systemstack(() -> grow(0, 1000, () -> { })));
        assertThat(e.getMessage(), equalTo("morestack on g0"));
        assertThat(e.output(), containsString("runtime: morestack on g0, stack [0x"));
    }

    @Test
    void getgIsG0OnTheSystemStackAndCurgIsTheUserG() {
        Object[] seen = new Object[3];
        run(quiet(1), () -> {
            G user = Gort.getg();
            Switch.systemstack(() -> {
                G g = Gort.getg();
                seen[0] = g == g.m.g0;
                seen[1] = g.m.curg == user;
                grow(0, 50, () -> { }); // 3.6 KB of frames fit on g0's 16 KB
                seen[2] = g.stackHi - g.stackLo;
            });
        });
        assertThat(seen[0], equalTo(true));
        assertThat(seen[1], equalTo(true));
        assertThat(seen[2], equalTo((long) Stacks.G0_STACK));
    }

    @SystemStack
    static void onSystemStackOnly() {
        int f = Frame.enter(SYS);
        Frame.leave(f);
    }

    @Test
    void systemStackCodeOnAUserStackIsRefused() {
        run(quiet(1), () -> Switch.systemstack(StackTest::onSystemStackOnly));
        FatalError e = death(quiet(1), StackTest::onSystemStackOnly);
        assertThat(e.getMessage(), equalTo("attempt to execute system stack code on user stack"));
    }

    @Test
    void aLoopThatOnlyMakesCallsIsPreemptedAtItsPrologue() {
        AtomicLong calls = new AtomicLong();
        run(quiet(1), () -> {
            boolean[] stop = new boolean[1];
            Gort.go(() -> {
                while (!stop[0]) {
                    int f = Frame.enter(GROW);
                    Frame.leave(f);
                    calls.incrementAndGet();
                }
            });
            while (calls.get() == 0) {
                Gort.gosched(); // until the loop runs: then only sysmon's request brings main back
            }
            stop[0] = true;
        });
        assertThat(calls.get(), greaterThan(0L));
    }

    @Test
    void stacksAreCountedAndReusedSoMemoryStaysBounded() {
        long[] sys = new long[6];
        run(quiet(2), () -> {
            Gort rt = Gort.current();
            for (int round = 0; round < sys.length; round++) {
                Sema done = new Sema();
                for (int i = 0; i < 200; i++) {
                    Gort.go(() -> {
                        grow(0, 40, () -> { });
                        Sema.semrelease(done);
                    });
                }
                for (int i = 0; i < 200; i++) {
                    Sema.semacquire(done);
                }
                sys[round] = rt.readMemStats().stackSys();
            }
        });
        assertThat(sys[0], greaterThan(0L));
        assertThat("later rounds reuse the first's stacks: stack memory " + java.util.Arrays.toString(sys),
                sys[sys.length - 1], lessThanOrEqualTo(2 * sys[0]));
    }

    @Test
    void theUserGsStackIsNotG0s() {
        Object[] g = new Object[2];
        run(quiet(1), () -> {
            g[0] = Gort.getg();
            Switch.systemstack(() -> g[1] = Gort.getg().m.curg);
        });
        assertThat(g[1], sameInstance(g[0]));
    }
}
