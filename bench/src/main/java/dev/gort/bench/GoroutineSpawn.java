package dev.gort.bench;

import dev.gort.runtime.Gort;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = RuntimeHost.ADD_EXPORTS)
public class GoroutineSpawn {
    static final int GOROUTINES = 10_000;

    @Param({"1", "2"})
    int procs;

    private RuntimeHost host;
    private final Countdown exited = new Countdown();
    private final Runnable body = exited::countDown;
    private final Runnable spawnAll = this::spawnAll;

    @Setup(Level.Trial)
    public void boot() {
        host = RuntimeHost.boot(procs);
    }

    @TearDown(Level.Trial)
    public void shutdown() throws InterruptedException {
        host.close();
    }

    @Benchmark
    @OperationsPerInvocation(GOROUTINES)
    public void goAndExit() {
        host.run(spawnAll);
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
