package dev.gort.bench;

import dev.gort.runtime.Config;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every gort benchmark shares: JMH settings, and a runtime with {@link #procs()} Ps booted
 * once per trial ({@link RuntimeHost}) whose main goroutine runs each invocation's batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {RuntimeHost.ADD_EXPORTS, RuntimeHost.NATIVE_ACCESS})
public abstract class RuntimeBenchmark {
    RuntimeHost host;

    /** GOMAXPROCS for the trial's runtime. */
    abstract int procs();

    /** The trial's runtime: the defaults with {@link #procs()} Ps. */
    Config config() {
        return Config.defaults().gomaxprocs(procs());
    }

    @Setup(Level.Trial)
    public void boot() {
        host = RuntimeHost.boot(config());
    }

    @TearDown(Level.Trial)
    public void shutdown() throws InterruptedException {
        host.close();
    }
}
