package dev.gort.grader.demo;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.gort.runtime.Gort;
import dev.gort.runtime.SchedStats;
import dev.gort.runtime.Switch;

/**
 * The workload of {@code workbook demo}: what a runtime does when it is busy, in three phases.
 *
 * <ol>
 *   <li>A {@link TokenRing} of many goroutines passes a token around several laps: every hand-off
 *       parks one G and readies another, while the Ps steal work from each other.
 *   <li>Meanwhile a few goroutines make blocking system calls (a 1 ms sleep inside
 *       {@link Gort#syscall}) until the ring is done: their Ms block in the "kernel", sysmon takes
 *       their Ps away and hands them to other Ms, so more Ms start than there are Ps.
 *   <li>Then as many short-lived goroutines as the ring had start and exit: their Gs come from the
 *       free pool that the ring's members returned to, so they are reused, not allocated.
 * </ol>
 *
 * <p>Users: {@link dev.gort.grader.DemoCommand}, which boots the runtime and prints the
 * {@link Result}; tests, with smaller numbers.
 */
public final class Demo {
    private final int goroutines; // ring members, and short-lived goroutines in phase 3
    private final int laps;
    private final int syscallers;

    public Demo(int goroutines, int laps, int syscallers) {
        if (goroutines < 1 || laps < 1 || syscallers < 0) {
            throw new IllegalArgumentException("demo needs goroutines >= 1, laps >= 1, syscallers >= 0;"
                    + " got " + goroutines + ", " + laps + ", " + syscallers);
        }
        this.goroutines = goroutines;
        this.laps = laps;
        this.syscallers = syscallers;
    }

    /**
     * What a run did.
     *
     * @param ringHandoffs    token hand-offs in the ring (members times laps)
     * @param ringNanos       time from starting the ring to the end of its last lap
     * @param syscalls        system calls the syscall goroutines made meanwhile
     * @param shortLived      goroutines started and finished in phase 3
     * @param shortLivedNanos time for phase 3
     * @param stats           the scheduler's counters after the run
     * @param wallNanos       time of the whole run, boot excluded
     */
    public record Result(long ringHandoffs, long ringNanos, long syscalls, long shortLived,
                         long shortLivedNanos, SchedStats stats, long wallNanos) {}

    /** Runs the three phases as the main goroutine of {@code gort}. */
    public Result run(Gort gort) {
        var ring = new TokenRing(goroutines, laps);
        var ringDone = new AtomicBoolean();
        var syscalls = new AtomicLong();
        long[] phaseNanos = new long[2];

        long start = System.nanoTime();
        gort.run(() -> {
            // Phases 1 and 2: the ring, with syscalls going on beside it.
            var syscallersDone = new Latch(syscallers);
            for (int i = 0; i < syscallers; i++) {
                Gort.go(() -> syscallLoop(ringDone, syscalls, syscallersDone));
            }
            long t0 = System.nanoTime();
            ring.run();
            phaseNanos[0] = System.nanoTime() - t0;
            ringDone.set(true);
            syscallersDone.await();

            // Phase 3: short-lived goroutines on reused Gs.
            long t1 = System.nanoTime();
            var exited = new Latch(goroutines);
            for (int i = 0; i < goroutines; i++) {
                Gort.go(exited::countDown);
            }
            exited.await();
            phaseNanos[1] = System.nanoTime() - t1;
        });
        long wall = System.nanoTime() - start;
        return new Result(ring.handoffs(), phaseNanos[0], syscalls.get(), goroutines, phaseNanos[1],
                gort.stats(), wall);
    }

    /** A goroutine that sleeps 1 ms in a system call, over and over, until the ring is done. */
    private static void syscallLoop(AtomicBoolean ringDone, AtomicLong syscalls, Latch done) {
        try {
            do {
                Gort.syscall(() -> Thread.sleep(1));
                syscalls.incrementAndGet();
            } while (!ringDone.get());
        } catch (InterruptedException e) {
            Switch.carrier().interrupt(); // on a goroutine: the M's thread now (see Switch)
            throw new IllegalStateException("demo: a syscall goroutine was interrupted", e);
        } finally {
            done.countDown();
        }
    }
}
