package dev.gort.bench;

import dev.gort.runtime.WaitReason;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets one goroutine park until n others have finished: a count plus a {@link Slot} that the
 * last finisher passes the token to.
 *
 * <p>Go: the shape of {@code sync.WaitGroup} (an atomic counter, and a semaphore the waiter parks
 * on that the last {@code Done} releases), here without a sema table: one waiter, one slot.
 */
final class Countdown {
    private final AtomicInteger remaining = new AtomicInteger(); // goroutines yet to finish
    private final Slot zero = new Slot(); // passed once, when remaining reaches 0

    /** Arms the countdown for {@code n} finishers; call before starting them. */
    void reset(int n) {
        remaining.set(n);
    }

    /** Called by each finisher; the last one wakes the waiter. */
    void countDown() {
        if (remaining.decrementAndGet() == 0) {
            zero.pass();
        }
    }

    /** Parks the calling goroutine until every finisher has counted down. */
    void await() {
        zero.await(WaitReason.SYNC_WAITGROUP_WAIT);
    }
}
