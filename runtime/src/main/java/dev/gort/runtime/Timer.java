package dev.gort.runtime;

/**
 * A one-shot timer that starts a function in a new goroutine when it fires: what Go's
 * {@code time.AfterFunc} returns. Made by {@link Gort#afterFunc}.
 *
 * <p>Go: time/sleep.go {@code AfterFunc}, {@code (*Timer).Stop}, {@code (*Timer).Reset},
 * {@code goFunc}; the runtime side is time.go's {@code timeTimer}, a runtime timer
 * ({@link dev.gort.runtime.sched.Timer}) in the heap of the P that armed it.
 *
 * <p>The function does not run on the timer: a timer's own function runs on the system stack of
 * whichever M runs the timers, where user code may not block, so it only starts a goroutine (Go's
 * {@code goFunc}). Stop and reset may be called from any goroutine of the runtime.
 */
public final class Timer {
    private final dev.gort.runtime.sched.Timer t;

    /** Go: goFunc. The timer's function: {@code go fn()}, on the M that runs the timer. */
    private static final dev.gort.runtime.sched.Timer.Func GO_FUNC = (arg, seq, delay) ->
            dev.gort.runtime.sched.Proc.newproc(Switch.getm(), (Runnable) arg);

    Timer(Runnable fn) {
        this.t = new dev.gort.runtime.sched.Timer(GO_FUNC, fn);
    }

    /**
     * Go: (*Timer).Stop. Prevents the timer from firing. Returns true if it was pending, false if
     * it had already fired (its goroutine started) or been stopped.
     */
    public boolean stop() {
        Gort.checkPreempt();
        return t.stop();
    }

    /**
     * Go: (*Timer).Reset. Makes the timer fire after {@code nanos} nanoseconds from now (at once
     * if {@code nanos <= 0}), whether or not it had fired. Returns true if it was pending.
     */
    public boolean reset(long nanos) {
        long now = Gort.nanotime();
        long when = nanos <= 0 ? now : now + nanos;
        if (when <= 0) { // overflow (or a clock at 0, which a timer cannot use)
            when = nanos <= 0 ? 1 : dev.gort.runtime.sched.Timer.MAX_WHEN;
        }
        return t.reset(when, 0);
    }
}
