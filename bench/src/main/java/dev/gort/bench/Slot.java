package dev.gort.bench;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.UnlockFunc;
import dev.gort.runtime.WaitReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A one-token handoff between two goroutines, built directly on {@code gopark}/{@code goready}:
 * a slot that is {@code EMPTY}, holds a {@code TOKEN}, or holds the one G waiting for the token.
 *
 * <p>Go: the unlockf pattern of chan.go {@code chanparkcommit} and sema.go; proc.go
 * {@code gopark}, {@code goready}. It is the smallest thing that parks and readies Gs, so the
 * benchmarks built on it measure the scheduler rather than a channel implementation.
 *
 * <p>At most one goroutine passes and one awaits at a time, and a token is consumed before the
 * next one is passed; passing onto a slot that still holds a token throws.
 */
final class Slot {
    /* Overview: the waiter must not publish its G before it is parked. A passer that found the G
     * and called goready while the G was still running would ready a running G. So the waiter
     * publishes its G from unlockf, which gopark runs on g0 after the G is marked waiting. If the
     * token arrived in between, unlockf's CAS fails, it returns false, and gopark resumes the G at
     * once: the lost-wakeup race is closed without a lock, as in Go's channel code. */

    private static final Object EMPTY = new Object();
    private static final Object TOKEN = new Object();

    private static final VarHandle STATE;
    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Runs on g0 after the waiter is marked waiting: publish it unless the token is there. */
    private static final UnlockFunc PUBLISH_WAITER =
            (gp, lock) -> STATE.compareAndSet((Slot) lock, EMPTY, (Object) gp);

    private volatile Object state = EMPTY; // EMPTY, TOKEN, or the waiting G

    /** Hands the token over: readies the waiter if one is parked, else leaves the token. */
    void pass() {
        for (;;) {
            Object s = state;
            if (s == TOKEN) {
                throw new IllegalStateException("Slot.pass: token passed twice");
            }
            if (s != EMPTY) {
                state = EMPTY;
                Gort.goready((G) s);
                return;
            }
            if (STATE.compareAndSet(this, EMPTY, TOKEN)) {
                return;
            }
        }
    }

    /** Takes the token, parking the calling goroutine with {@code reason} until it arrives. */
    void await(WaitReason reason) {
        if (STATE.compareAndSet(this, TOKEN, EMPTY)) {
            return;
        }
        Gort.gopark(PUBLISH_WAITER, this, reason);
        // Either unlockf found the token (still here: consume it) or the passer readied us and
        // already emptied the slot. No other pass can come before we pass back.
        state = EMPTY;
    }
}
