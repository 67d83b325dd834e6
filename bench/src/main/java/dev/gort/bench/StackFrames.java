package dev.gort.bench;

import dev.gort.runtime.Gort;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Simulated stack frames: the prologue without growth, and a goroutine whose stack grows once
 * from 2 KB to 4 KB (copying its frames and adjusting their pointers).
 *
 * <p>Go: the prologue is two instructions (compare SP with g.stackguard0, a not-taken branch);
 * stack_test.go {@code BenchmarkStackGrowth} (about 670–890 ns per op on this machine with Go 1.19)
 * measures a goroutine recursing until its stack grew. gort's targets: a frame entry and exit at
 * most 5 ns, a growth at most 1 µs.
 *
 * <p>How to read it: {@link #frameEntry} is {@code Frame.enter} + {@code Frame.leave} of a 4-slot
 * frame on the main goroutine (getg, the guard compare, the header word and zeroing the slots in
 * checked unmanaged memory). {@link #growChain} is {@link GoroutineSpawn#chain}'s goroutine plus
 * 24 frames of 56 bytes, each pointing at its caller's slot: the 21st does not fit in 2 KB, so
 * newstack copies 20 frames to a 4 KB stack and adjusts their 20 pointers; at exit the 4 KB stack
 * goes back to the P's cache. Its figure minus {@code chain}'s is the cost of one growth.
 */
public class StackFrames extends RuntimeBenchmark {
    static final int FRAMES = 10_000;
    static final int GOROUTINES = 10_000;
    static final Func SMALL = Func.of("bench.small", 4, 1);
    static final Func GROW = Func.of("bench.grow", 6, 1);

    private final Countdown exited = new Countdown();
    private final AtomicInteger links = new AtomicInteger();
    private final Runnable link = this::link;
    private final Runnable chain = this::chain;
    private final Runnable enterLeave = this::enterLeave;

    @Override
    int procs() {
        return 1;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frameEntry() {
        host.run(enterLeave);
    }

    @Benchmark
    @OperationsPerInvocation(GOROUTINES)
    public void growChain() {
        host.run(chain);
    }

    private void enterLeave() {
        for (int i = 0; i < FRAMES; i++) {
            int f = Frame.enter(SMALL);
            Frame.leave(f);
        }
    }

    private void chain() {
        links.set(GOROUTINES);
        exited.reset(1);
        Gort.go(link);
        exited.await();
    }

    private void link() {
        grow(0, 24);
        if (links.decrementAndGet() > 0) {
            Gort.go(link);
        } else {
            exited.countDown();
        }
    }

    private static void grow(int caller, int n) {
        int f = Frame.enter(GROW);
        if (caller != 0) {
            Frame.put(f, 1, Frame.addr(caller, 0));
        }
        if (n > 0) {
            grow(f, n - 1);
        }
        Frame.leave(f);
    }
}
