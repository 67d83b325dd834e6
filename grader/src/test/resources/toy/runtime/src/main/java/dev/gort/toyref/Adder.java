package dev.gort.toyref;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A toy part for the grader's own tests: three exercises of rising difficulty.
 *
 * <p>Each exercise is the whole body of one method, marked as a solution region.
 */
public final class Adder {
    private final String name = "adder"; // not an exercise: kept verbatim in the stub

    /** Returns {@code a + b}. */
    public int add(int a, int b) {
        // SOLUTION add: Return the sum of a and b. | book: toy#adding
        return a + b;
        // END SOLUTION
    }

    /** The n-th Fibonacci number: fib(0) = 0, fib(1) = 1. */
    public long fib(int n) {
        // SOLUTION fib: Compute the n-th Fibonacci number iteratively ("fib(90)" must be fast).
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long t = a + b;
            a = b;
            b = t;
        }
        return a;
        // END SOLUTION
    }

    /** Sums {@code values} with {@code threads} threads, each taking one slice. */
    public long sumAll(List<Integer> values, int threads) throws InterruptedException {
        // SOLUTION sum: Give each thread one slice of the list; add the slices' sums into an AtomicLong; join them all.
        var total = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        int per = (values.size() + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
            List<Integer> slice = values.subList(Math.min(values.size(), t * per),
                    Math.min(values.size(), (t + 1) * per));
            workers.add(Thread.ofPlatform().start(() -> {
                long s = 0;
                for (int v : slice) {
                    s += v;
                }
                total.addAndGet(s);
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        return total.get();
        // END SOLUTION
    }

    /** Not an exercise. */
    public String name() {
        return name;
    }
}
