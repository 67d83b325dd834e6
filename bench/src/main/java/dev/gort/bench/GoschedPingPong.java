package dev.gort.bench;

import dev.gort.runtime.Gort;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Gosched ping-pong: two goroutines call {@code Gosched} in a loop on one P, so each call
 * switches to the other; the figure is nanoseconds per {@code Gosched} call.
 *
 * <p>Go: {@code runtime.Gosched} (proc.go {@code gosched_m}, {@code goschedImpl}). Go's tree has
 * no benchmark of it; the Go figure is this same loop written in Go, two goroutines at
 * GOMAXPROCS=1: 140 ns per call with Go 1.19 on this machine.
 *
 * <p>How to read it: one call is an {@code mcall} to g0, the G put on the global run queue,
 * one {@code schedule()} that finds the other G there (the local queue is empty), and a resume:
 * a context switch with no park and no ready. Compare it with {@link PingPong} at
 * {@code procs=1}, where each half round trip adds a park and a ready to the same switch.
 */
public class GoschedPingPong extends RuntimeBenchmark {
    static final int CALLS_PER_G = 100_000;

    private final Countdown finished = new Countdown();
    private final Runnable yielder = this::yielder;
    private final Runnable yieldBoth = this::yieldBoth;

    @Override
    int procs() {
        return 1;
    }

    @Benchmark
    @OperationsPerInvocation(2 * CALLS_PER_G)
    public void gosched() {
        host.run(yieldBoth);
    }

    /** On the main goroutine: starts both yielders and parks until both have exited. */
    private void yieldBoth() {
        finished.reset(2);
        Gort.go(yielder);
        Gort.go(yielder);
        finished.await();
    }

    private void yielder() {
        for (int i = 0; i < CALLS_PER_G; i++) {
            Gort.gosched();
        }
        finished.countDown();
    }
}
