package dev.gort.bench;

import dev.gort.runtime.Gort;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * {@code go} + exit: the main goroutine starts goroutines that only count themselves out, and
 * parks until the last one has exited; the figure is nanoseconds per goroutine.
 *
 * <p>Go: proc_test.go {@code BenchmarkCreateGoroutinesSingle} (one producer, a
 * {@code sync.WaitGroup}). Go 1.19 on this machine: 700–840 ns per goroutine. gort's target: at
 * most 400 ns.
 *
 * <p>How to read it: one goroutine's cost is {@code newproc} (a G from the P's free list,
 * {@code gfget}, put in {@code runnext}), one {@code schedule()}, its body, and {@code goexit}
 * back to the free list ({@code gfput}). After warm-up every G comes from the free pool, so
 * nothing here is G allocation. At {@code procs=1} all {@value #GOROUTINES} are queued before
 * the first runs (main does not yield while spawning), overflowing the local run queue into the
 * global one; at {@code procs=2} the second P steals half of main's queue at a time.
 *
 * <p>{@link #chain} is Go's {@code BenchmarkCreateGoroutines} instead: each goroutine starts the
 * next and exits, {@code procs} chains at once, so a G freed by one link is reused by the next at
 * once and the run queue never holds more than a few Gs (Go 1.19 here: 176–268 ns).
 */
public class GoroutineSpawn extends RuntimeBenchmark {
    static final int GOROUTINES = 10_000;

    @Param({"1", "2"})
    int procs;

    private final Countdown exited = new Countdown();
    private final Runnable body = exited::countDown;
    private final Runnable spawnAll = this::spawnAll;
    private final AtomicInteger links = new AtomicInteger(); // goroutines the chains have yet to start
    private final Runnable link = this::link;
    private final Runnable chains = this::chains;

    @Override
    int procs() {
        return procs;
    }

    @Benchmark
    @OperationsPerInvocation(GOROUTINES)
    public void goAndExit() {
        host.run(spawnAll);
    }

    @Benchmark
    @OperationsPerInvocation(GOROUTINES)
    public void chain() {
        host.run(chains);
    }

    /** On the main goroutine: starts {@code procs} chains and parks until every one has ended. */
    private void chains() {
        links.set(GOROUTINES);
        exited.reset(procs);
        for (int i = 0; i < procs; i++) {
            Gort.go(link);
        }
        exited.await();
    }

    /** One goroutine of a chain: starts the next one, or ends the chain, and exits. */
    private void link() {
        if (links.decrementAndGet() > 0) {
            Gort.go(link);
        } else {
            exited.countDown();
        }
    }

    /** On the main goroutine: starts every goroutine, then parks until the last has exited. */
    private void spawnAll() {
        exited.reset(GOROUTINES);
        for (int i = 0; i < GOROUTINES; i++) {
            Gort.go(body);
        }
        exited.await();
    }
}
