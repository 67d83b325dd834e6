package dev.gort.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDK's virtual threads on the same work as gort's benchmarks: what a Java programmer would
 * pick instead of gort, beside it in {@code ./workbook bench}'s table.
 *
 * <p>Go: none; each method names the gort benchmark whose work it repeats, with the same unit.
 * {@code procs} is the virtual-thread scheduler's parallelism (its carrier threads), as GOMAXPROCS
 * is gort's Ps: the scheduler reads {@code jdk.virtualThreadScheduler.parallelism} once, when the
 * first virtual thread starts, and JMH runs each {@code procs} in a JVM of its own, so
 * {@link #parallelism} sets it before anything in that JVM starts one.
 *
 * <p>Park and unpark stand for gopark and goready ({@link LockSupport} on a virtual thread
 * unmounts it from its carrier), {@link Thread#yield} for Gosched, a {@link ReentrantLock} for the
 * runtime mutex. The batches are the gort benchmarks' sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class VirtualThreads {
    @Param({"1", "2"})
    int procs;

    private final ReentrantLock lock = new ReentrantLock();

    @Setup
    public void parallelism() {
        System.setProperty("jdk.virtualThreadScheduler.parallelism", Integer.toString(procs));
    }

    /** gort: PingPong.roundTrip. Two virtual threads hand a token back and forth: ns per round trip. */
    @Benchmark
    @OperationsPerInvocation(PingPong.ROUND_TRIPS)
    public void pingPong() throws InterruptedException {
        Handoff ping = new Handoff();
        Handoff pong = new Handoff();
        Thread ponger = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < PingPong.ROUND_TRIPS; i++) {
                pong.await();
                ping.pass();
            }
        });
        Thread pinger = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < PingPong.ROUND_TRIPS; i++) {
                pong.pass();
                ping.await();
            }
        });
        pinger.join();
        ponger.join();
    }

    /** gort: GoroutineSpawn.chain. Each virtual thread starts the next and ends: ns per thread. */
    @Benchmark
    @OperationsPerInvocation(GoroutineSpawn.GOROUTINES)
    public void startChain() throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(procs);
        for (int c = 0; c < procs; c++) {
            Thread.ofVirtual().start(new Link(GoroutineSpawn.GOROUTINES / procs, finished));
        }
        finished.await();
    }

    /** gort: GoroutineSpawn.goAndExit. Start them all, each counts itself out: ns per thread. */
    @Benchmark
    @OperationsPerInvocation(GoroutineSpawn.GOROUTINES)
    public void startAndExit() throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(GoroutineSpawn.GOROUTINES);
        Runnable body = finished::countDown;
        for (int i = 0; i < GoroutineSpawn.GOROUTINES; i++) {
            Thread.ofVirtual().start(body);
        }
        finished.await();
    }

    /** gort: GoschedPingPong.gosched. Two virtual threads call Thread.yield: ns per call. */
    @Benchmark
    @OperationsPerInvocation(2 * GoschedPingPong.CALLS_PER_G)
    public void yield() throws InterruptedException {
        Runnable body = () -> {
            for (int i = 0; i < GoschedPingPong.CALLS_PER_G; i++) {
                Thread.yield();
            }
        };
        Thread a = Thread.ofVirtual().start(body);
        Thread b = Thread.ofVirtual().start(body);
        a.join();
        b.join();
    }

    /** gort: RuntimeLocks.mutexLockUnlock. An uncontended ReentrantLock: ns per lock + unlock. */
    @Benchmark
    @OperationsPerInvocation(RuntimeLocks.LOCKS)
    public void reentrantLock() {
        for (int i = 0; i < RuntimeLocks.LOCKS; i++) {
            lock.lock();
            lock.unlock();
        }
    }

    /** One link of a chain: starts the next link, or counts the chain out at its end. */
    private record Link(int left, CountDownLatch finished) implements Runnable {
        @Override
        public void run() {
            if (left == 0) {
                finished.countDown();
            } else {
                Thread.ofVirtual().start(new Link(left - 1, finished));
            }
        }
    }

    /** A one-token handoff between two threads: park until the token is there, unpark to pass. */
    private static final class Handoff {
        private volatile boolean token;
        private volatile Thread waiter;

        void pass() {
            token = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        void await() {
            waiter = Thread.currentThread();
            while (!token) {
                LockSupport.park(this);
            }
            token = false;
            waiter = null;
        }
    }
}
