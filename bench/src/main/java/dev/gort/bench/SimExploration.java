package dev.gort.bench;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Sema;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the simulated OS explores: seeds per second for a 2-M, 1,000-operation mutex scenario
 * (two goroutines at GOMAXPROCS=2, each taking and releasing a runtime mutex 500 times). Each
 * invocation is one whole simulated run at the next seed: boot, the scenario, exit. gort's own;
 * Go has no simulator. gort's target: at least 500 seeds/s.
 *
 * <p>How to read it: a run has three Ms (m0, sysmon, the M of the second P) and some 10^4
 * scheduling points (every atomic operation and OS call), each of which may switch Ms, which costs
 * one continuation yield and one resume of two nested stacks. The figure bounds how many seeds a
 * hidden test can sweep in CI.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {RuntimeHost.ADD_EXPORTS, RuntimeHost.NATIVE_ACCESS})
public class SimExploration {
    static final int OPS_PER_GOROUTINE = 500;

    private final PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    private long seed;

    @Benchmark
    public long mutexScenario() {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(2).stderr(quiet).simulated(seed++));
        long[] counter = new long[1];
        rt.run(() -> {
            Mutex l = new Mutex();
            Sema done = new Sema();
            Gort.go(() -> {
                increment(l, counter);
                Sema.semrelease(done);
            });
            increment(l, counter);
            Sema.semacquire(done);
        });
        if (counter[0] != 2 * OPS_PER_GOROUTINE) {
            throw new AssertionError("seed " + (seed - 1) + ": the mutex lost updates: " + counter[0]);
        }
        return counter[0];
    }

    private static void increment(Mutex l, long[] counter) {
        for (int i = 0; i < OPS_PER_GOROUTINE; i++) {
            Mutex.lock(l);
            counter[0]++;
            Mutex.unlock(l);
        }
    }
}
