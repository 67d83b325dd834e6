package dev.gort.bench;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import java.util.concurrent.locks.LockSupport;

/**
 * A runtime booted once per JMH trial whose main goroutine runs batches handed in by the
 * benchmark thread, so that every measured invocation runs on a warm runtime (its Ms started,
 * its free-G pool filled) and none pays for a boot.
 *
 * <p>Go: the role of the {@code testing} package's benchmark goroutine, which calls the
 * benchmark function again and again inside one long-lived process.
 *
 * <p>One thread at a time may call {@link #run} and {@link #close}; JMH may use a different
 * worker thread per iteration, so the caller is recorded per call.
 */
final class RuntimeHost {
    /* Overview: goroutines can only be driven from inside Gort.run, and a runtime runs one
     * program, so one run() stays alive on a platform thread for the whole trial. Between batches
     * its main goroutine waits the way a Go program waits for input: blocked in a system call
     * (Gort.syscall around LockSupport.park), which blocks its M but lets sysmon take the P back.
     * The benchmark thread publishes a batch and unparks that M; main leaves the syscall, runs the
     * batch, clears it and unparks the benchmark thread. That handoff costs microseconds per
     * invocation, against the milliseconds a batch runs, and nothing spins between batches. */

    /** What every JVM that runs the runtime needs; JMH forks get it through {@code @Fork}. */
    static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    /** The runtime's memory uses FFM's restricted methods: allowed, so the JVM warns of nothing. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static final Runnable STOP = () -> { }; // tells main to return
    private static final long DEATH_CHECK_NANOS = 100_000_000; // 100 ms; batches never wait on it

    private final Gort gort;
    private final Thread host; // the platform thread blocked in Gort.run
    private volatile Runnable batch; // set by the caller, cleared by main when it is done
    private volatile Thread caller; // the benchmark thread, unparked when a batch is done
    private volatile Thread waiter; // the M thread main last waited on, unparked for a batch
    private volatile Throwable death; // why Gort.run ended, if it threw

    private RuntimeHost(Gort gort) {
        this.gort = gort;
        host = Thread.ofPlatform().name("gort-bench-host").daemon().unstarted(() -> {
            try {
                gort.run(this::main);
            } catch (Throwable t) {
                death = t;
            } finally {
                LockSupport.unpark(caller);
            }
        });
        host.start();
    }

    /** Boots a runtime as {@code config} says and starts its main goroutine. */
    static RuntimeHost boot(Config config) {
        return new RuntimeHost(Gort.boot(config));
    }

    /** Runs {@code b} on the main goroutine and returns when it has returned. */
    void run(Runnable b) {
        caller = Thread.currentThread();
        handIn(b);
        while (batch != null) {
            if (!host.isAlive() || gort.exiting()) {
                throw new IllegalStateException("gort runtime died during a batch: see its"
                        + " fatal error above", death);
            }
            // The host unparks us if Gort.run returns; the timeout catches a runtime that is
            // dying but never gets that far, so a broken runtime fails the benchmark quickly.
            LockSupport.parkNanos(this, DEATH_CHECK_NANOS);
        }
    }

    /** Makes main return, so that Gort.run returns, and waits for it. */
    void close() throws InterruptedException {
        handIn(STOP);
        host.join();
        if (death != null) {
            throw new IllegalStateException("gort runtime ended with an error", death);
        }
    }

    private void handIn(Runnable b) {
        batch = b;
        // A stale waiter only gets a spurious unpark: main sets waiter before it reads batch.
        LockSupport.unpark(waiter);
    }

    /** The main goroutine: runs batches until told to stop. */
    private void main() {
        for (;;) {
            Gort.syscall(this::awaitBatch);
            Runnable b = batch;
            if (b == STOP) {
                return;
            }
            b.run();
            batch = null;
            LockSupport.unpark(caller);
        }
    }

    /** In a system call: blocks main's M until a batch is handed in. */
    private void awaitBatch() {
        waiter = Switch.carrier(); // on a goroutine: never Thread.currentThread() (see Switch)
        while (batch == null) {
            LockSupport.park(this);
        }
    }
}
