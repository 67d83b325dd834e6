package dev.gort.runtime;

import dev.gort.runtime.lock.Sema;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Scheduler scenarios shared by {@link SchedulerTest} (real threads) and {@link SimSchedulerTest}
 * (the simulated OS over many seeds): each runs a program on the given runtime and returns what it
 * observed, and the tests assert on that. Written once, run on both OSes.
 */
final class Scenarios {
    private Scenarios() {}

    /** n goroutines each add their number (1..n) to a sum; returns the sum. */
    static long sumOfGoroutines(Gort rt, int n) {
        AtomicLong sum = new AtomicLong();
        Goroutines.run(rt, () -> {
            AtomicInteger left = new AtomicInteger(n);
            Sema done = new Sema();
            for (int i = 1; i <= n; i++) {
                int k = i;
                Gort.go(() -> {
                    sum.addAndGet(k);
                    if (left.decrementAndGet() == 0) {
                        Sema.semrelease(done);
                    }
                });
            }
            Sema.semacquire(done);
        });
        return sum.get();
    }

    /** Two goroutines hand a token back and forth {@code rounds} times; returns the pongs seen. */
    static int pingPong(Gort rt, int rounds) {
        AtomicInteger pongs = new AtomicInteger();
        Goroutines.run(rt, () -> {
            Sema ping = new Sema();
            Sema pong = new Sema();
            Gort.go(() -> {
                for (int i = 0; i < rounds; i++) {
                    Sema.semacquire(ping);
                    pongs.incrementAndGet();
                    Sema.semrelease(pong);
                }
            });
            for (int i = 0; i < rounds; i++) {
                Sema.semrelease(ping);
                Sema.semacquire(pong);
            }
        });
        return pongs.get();
    }

    /**
     * At GOMAXPROCS=1, main puts 200 goroutines on the local queue and yields (to the global
     * queue); returns how many of them ran before main came back. Without the 61-tick rule main
     * would run last, after all 200.
     */
    static int localGoroutinesBeforeTheGlobalQueue(Gort rt) {
        AtomicInteger ran = new AtomicInteger();
        int[] before = new int[1];
        Goroutines.run(rt, () -> {
            for (int i = 0; i < 200; i++) {
                Gort.go(ran::incrementAndGet);
            }
            Gort.gosched();
            before[0] = ran.get();
        });
        return before[0];
    }

    /**
     * G1 announces itself, then blocks its M in the OS inside {@code call} until G2 opens the gate;
     * main, readied by G1, starts G2. At GOMAXPROCS=1 this ends only if G1's P was handed off.
     */
    static void blockUntilAnotherGoroutineRuns(Gort rt, Consumer<Simulated.Gate> call) {
        Simulated.Gate gate = new Simulated.Gate();
        Goroutines.run(rt, () -> {
            Sema started = new Sema();
            Sema done = new Sema();
            Gort.go(() -> {
                Sema.semrelease(started);
                call.accept(gate);
                Sema.semrelease(done);
            });
            Sema.semacquire(started); // runs only once G1's P is taken from its system call
            Gort.go(gate::open);
            Sema.semacquire(done);
        });
    }

    /**
     * With 4 goroutines yielding in a loop, changes GOMAXPROCS 2 -> 4 -> 1 -> 3, lets them run
     * {@code rounds} more gosched rounds, stops them, and sets 2. Returns what each call returned.
     */
    static int[] gomaxprocsUnderLoad(Gort rt, int rounds) {
        int[] seen = new int[4];
        Goroutines.run(rt, () -> {
            AtomicInteger stop = new AtomicInteger();
            AtomicInteger left = new AtomicInteger(4);
            Sema done = new Sema();
            for (int i = 0; i < 4; i++) {
                Gort.go(() -> {
                    while (stop.get() == 0) {
                        Gort.gosched();
                    }
                    if (left.decrementAndGet() == 0) {
                        Sema.semrelease(done);
                    }
                });
            }
            seen[0] = Gort.gomaxprocs(4);
            seen[1] = Gort.gomaxprocs(1);
            seen[2] = Gort.gomaxprocs(3);
            for (int i = 0; i < rounds; i++) {
                Gort.gosched();
            }
            stop.set(1);
            Sema.semacquire(done);
            seen[3] = Gort.gomaxprocs(2);
        });
        return seen;
    }
}
