/**
 * JMH benchmarks of the reference runtime, and a footprint measurement: the figures that back
 * gort's performance claims (tests never assert timings).
 *
 * <p>Each benchmark measures one scheduler path and names its Go counterpart:
 * {@link dev.gort.bench.PingPong} (gopark/goready, a round trip),
 * {@link dev.gort.bench.GoroutineSpawn} ({@code go} + exit),
 * {@link dev.gort.bench.GoschedPingPong} (a bare context switch) and
 * {@link dev.gort.bench.ParkedFootprint} (bytes per parked G, a plain main class).
 *
 * <p>Goroutines exist only inside {@code Gort.run}, so a benchmark cannot drive them from the JMH
 * thread directly. {@link dev.gort.bench.RuntimeHost} keeps one runtime per trial whose main
 * goroutine runs the batch each invocation hands in; a batch runs many operations
 * ({@code @OperationsPerInvocation}) so that the handoff is noise. Gs park and ready each other
 * through {@link dev.gort.bench.Slot}, the unlockf pattern of Go's channel code and nothing more,
 * and the benchmark loops allocate nothing of their own.
 *
 * <p>Run them from {@code bench/target/benchmarks.jar}; {@code bench/README.md} has the commands
 * and the latest figures.
 */
package dev.gort.bench;
