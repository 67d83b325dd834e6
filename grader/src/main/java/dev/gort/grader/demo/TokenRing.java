package dev.gort.grader.demo;

import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;

/**
 * A ring of goroutines passing one token around: the demo's way to make a runtime park and ready
 * goroutines a million times.
 *
 * <p>Member {@code i} waits for the token on its own semaphore ({@code semacquire}), then hands
 * it to member {@code i+1} ({@code semrelease}); the last member hands it back to member 0. After
 * {@code laps} rounds the last member releases the ring's {@code done} semaphore instead, where the goroutine that called {@link #run}
 * waits. Every member then returns, so its G goes back to the free pool for reuse.
 *
 * <p>Once every member has started, one goroutine at a time holds the token and the others are
 * parked ({@code _Gwaiting}, reason "semacquire") or about to park, so each hand-off is one
 * {@code goready} of a parked G and one {@code gopark}: the cost of a hand-off is the scheduler's
 * round trip, and the run queues hold at most a few Gs while hundreds of thousands wait. How a
 * wait and a wake-up can race without losing the wake-up is {@link Sema}'s story.
 *
 * <p>Users: {@code workbook demo}, and experimenters who want a known park/ready load.
 */
public final class TokenRing {
    private final Sema[] slots; // slots[i]: where member i waits
    private final int laps;
    private final Sema done = new Sema(); // the runner waits here for the end of the last lap
    private long handoffs; // written only by the token's holder: passing the token orders the writes

    /** A ring of {@code members} goroutines that the token goes around {@code laps} times. */
    public TokenRing(int members, int laps) {
        if (members < 1 || laps < 1) {
            throw new IllegalArgumentException(
                    "a token ring needs at least 1 member and 1 lap, got " + members + " and " + laps);
        }
        slots = new Sema[members];
        for (int i = 0; i < members; i++) {
            slots[i] = new Sema();
        }
        this.laps = laps;
    }

    /** The hand-offs the members made: after {@link #run} returns, one per member per lap. */
    public long handoffs() {
        return handoffs;
    }

    /**
     * Starts the members, gives member 0 the token and parks until the last lap ends. Must run on a
     * goroutine; when it returns, every member has made its last hand-off and is returning.
     */
    public void run() {
        for (int i = 0; i < slots.length; i++) {
            int me = i;
            Gort.go(() -> member(me));
        }
        Sema.semrelease(slots[0]);
        Sema.semacquire(done);
    }

    private void member(int me) {
        boolean last = me == slots.length - 1;
        for (int lap = 0; lap < laps; lap++) {
            Sema.semacquire(slots[me]);
            Sema next = last ? (lap == laps - 1 ? done : slots[0]) : slots[me + 1];
            handoffs++;
            Sema.semrelease(next);
        }
    }
}
