package dev.gort.bench;

import dev.gort.runtime.Gort;
import dev.gort.runtime.WaitReason;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Park/ready ping-pong: two goroutines hand a token back and forth with {@code gopark} and
 * {@code goready}; the figure is nanoseconds per round trip (two parks, two readies, two
 * context switches).
 *
 * <p>Go: the unbuffered-channel ping-pong of chan_test.go {@code BenchmarkChanSync} and
 * proc_test.go {@code BenchmarkPingPongHog} (without the hog). Go 1.19 on this machine: 273 ns
 * per round trip at GOMAXPROCS=1. gort's target: at most 400 ns at {@code procs=1} and 600 ns at
 * {@code procs=2}.
 *
 * <p>How to read it: at {@code procs=1} both goroutines share one P, so a round trip is two
 * trips through {@code schedule()} with the readied G taken from {@code runnext}. At
 * {@code procs=2} a readied G may be stolen by, or handed to, the other P's M, so the figure
 * includes waking an idle M ({@code wakep}) and cross-core cache traffic; it is usually the
 * larger one, as in Go.
 *
 * <p>Each invocation runs {@value #ROUND_TRIPS} round trips on the main goroutine of a runtime
 * booted once per trial ({@link RuntimeHost}); starting the two goroutines, their exits and the
 * handoff to and from the benchmark thread are included, about 0.1 % of the time.
 */
public class PingPong extends RuntimeBenchmark {
    static final int ROUND_TRIPS = 100_000;

    @Param({"1", "2"})
    int procs;

    private final Slot ping = new Slot(); // the pinger waits here for the token
    private final Slot pong = new Slot(); // the ponger waits here for the token
    private final Countdown finished = new Countdown();
    private final Runnable pinger = this::pinger;
    private final Runnable ponger = this::ponger;
    private final Runnable roundTrips = this::roundTrips;

    @Override
    int procs() {
        return procs;
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void roundTrip() {
        host.run(roundTrips);
    }

    /** On the main goroutine: starts the pair and parks until both have exited. */
    private void roundTrips() {
        finished.reset(2);
        Gort.go(pinger);
        Gort.go(ponger);
        finished.await();
    }

    private void pinger() {
        for (int i = 0; i < ROUND_TRIPS; i++) {
            pong.pass();
            ping.await(WaitReason.CHAN_RECEIVE);
        }
        finished.countDown();
    }

    private void ponger() {
        for (int i = 0; i < ROUND_TRIPS; i++) {
            pong.await(WaitReason.CHAN_RECEIVE);
            ping.pass();
        }
        finished.countDown();
    }
}
