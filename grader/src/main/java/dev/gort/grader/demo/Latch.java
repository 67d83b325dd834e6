package dev.gort.grader.demo;

import java.util.concurrent.atomic.AtomicLong;

import dev.gort.runtime.lock.Sema;

/**
 * A one-shot countdown one goroutine can wait on, like a {@code sync.WaitGroup} with a single
 * waiter: the demo's main goroutine uses it to wait for goroutines it started.
 */
final class Latch {
    private final AtomicLong count; // goroutines still to call countDown
    private final Sema done = new Sema(); // released once when count reaches zero

    /** A latch that opens after {@code count} calls of {@link #countDown}; at once if 0. */
    Latch(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("latch count must not be negative, got " + count);
        }
        this.count = new AtomicLong(count);
        if (count == 0) {
            Sema.semrelease(done);
        }
    }

    void countDown() {
        if (count.decrementAndGet() == 0) {
            Sema.semrelease(done);
        }
    }

    /** Parks the calling goroutine until the count reaches zero. */
    void await() {
        Sema.semacquire(done);
    }
}
