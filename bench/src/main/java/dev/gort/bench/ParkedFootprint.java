package dev.gort.bench;

import dev.gort.runtime.Config;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bytes per parked goroutine: parks n goroutines (default 1,000,000), measures the heap before
 * and after with the heap settled by repeated full GCs, prints the difference per G, then readies
 * them all and lets them exit.
 *
 * <p>Go: the memory a blocked goroutine costs (its {@code g} plus its 2 KB starting stack), as
 * measured by reading {@code runtime.MemStats} around starting n blocked goroutines (compare
 * stack_test.go {@code TestStackMem}). Go 1.19 on this machine: 2584 B per parked G. gort's
 * target: at most 600 B.
 *
 * <p>How to read it: the figure is everything the runtime keeps per parked G on the Java heap:
 * the {@code G}, its {@code Continuation} and the frozen stack chunk holding its frames, and its
 * share of {@code allgs}. The goroutines all run one shared body and record themselves in an
 * array allocated before the baseline, so nothing of the measurement's own is counted.
 *
 * <p>Run: {@code java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED -Xmx4g -cp
 * bench/target/benchmarks.jar dev.gort.bench.ParkedFootprint [n]}
 */
public final class ParkedFootprint {
    private static final int SETTLE_ROUNDS = 10; // full GCs at most, until the heap stops moving
    private static final long SETTLED_BYTES = 64 * 1024; // "stopped moving": less than this

    /** Runs on g0 after the G is marked waiting: records it, stays parked. */
    private static final UnlockFunc RECORD = (gp, lock) -> {
        ((ParkedFootprint) lock).record(gp);
        return true;
    };

    private final int n;
    private final G[] parked; // every parked G, in the order they parked
    private final AtomicInteger claimed = new AtomicInteger(); // next free index in parked
    private final AtomicInteger parkedCount = new AtomicInteger(); // published after the store
    private final AtomicInteger exited = new AtomicInteger();
    private final Runnable body = this::parkThenExit;

    private ParkedFootprint(int n) {
        this.n = n;
        this.parked = new G[n];
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        ParkedFootprint f = new ParkedFootprint(n);
        Gort.boot(Config.defaults().gomaxprocs(1)).run(f::measure);
    }

    /** The main goroutine. */
    private void measure() {
        long before = settledHeapUsed();
        for (int i = 0; i < n; i++) {
            Gort.go(body);
        }
        while (parkedCount.get() < n) {
            Gort.gosched();
        }
        long after = settledHeapUsed();
        long delta = after - before;
        System.out.printf("parked %d goroutines: %d B per G (heap %+d MB)%n",
                n, delta / n, delta / (1024 * 1024));

        for (G gp : parked) {
            Gort.goready(gp);
        }
        while (exited.get() < n) {
            Gort.gosched();
        }
    }

    private void parkThenExit() {
        Gort.gopark(RECORD, this, WaitReason.SEMACQUIRE);
        exited.incrementAndGet();
    }

    private void record(G gp) {
        parked[claimed.getAndIncrement()] = gp;
        parkedCount.incrementAndGet(); // orders the store above before main's read of the count
    }

    /** Heap in use after full GCs, repeated until it stops shrinking. */
    private static long settledHeapUsed() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < SETTLE_ROUNDS; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            boolean settled = Math.abs(used - now) < SETTLED_BYTES;
            used = now;
            if (settled) {
                break;
            }
        }
        return used;
    }
}
