package dev.gort.bench;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * The runtime's own locks: an uncontended {@code lock}+{@code unlock} of a runtime mutex, and the
 * wake-up latency of a note between two Ms.
 *
 * <p>Go: lock_futex.go. For scale: Go's {@code sync.Mutex} Lock+Unlock measured 12.4 ns on this
 * machine; gort's target for the runtime mutex is at most 20 ns.
 *
 * <p>How to read {@link #noteRoundTrip}: two goroutines, each sleeping on its M's system stack
 * ({@code notesleep} blocks the M), wake each other in turn, so one operation is two wake-ups of a
 * sleeping thread through the futex, plus the switches to g0 and back. It needs two Ps and is
 * dominated by the OS's thread wake-up (microseconds), which is why the runtime avoids blocking Ms
 * where it can park Gs instead.
 */
public class RuntimeLocks extends RuntimeBenchmark {
    static final int LOCKS = 1_000_000;
    static final int NOTE_ROUND_TRIPS = 2_000;

    private final Mutex mu = new Mutex();
    private final Runnable lockUnlock = this::lockUnlock;
    private final Countdown finished = new Countdown();
    private final Note[] notes = {new Note(), new Note()};
    private final Runnable noteRoundTrips = this::noteRoundTrips;
    private final Runnable first = () -> noteSide(0);
    private final Runnable second = () -> noteSide(1);

    @Override
    int procs() {
        return 2;
    }

    @Benchmark
    @OperationsPerInvocation(LOCKS)
    public void mutexLockUnlock() {
        host.run(lockUnlock);
    }

    private void lockUnlock() {
        for (int i = 0; i < LOCKS; i++) {
            Mutex.lock(mu);
            Mutex.unlock(mu);
        }
    }

    @Benchmark
    @OperationsPerInvocation(NOTE_ROUND_TRIPS)
    public void noteRoundTrip() {
        host.run(noteRoundTrips);
    }

    /** On the main goroutine: starts the two sides and parks until both are done. */
    private void noteRoundTrips() {
        finished.reset(2);
        Gort.go(first);
        Gort.go(second);
        finished.await();
    }

    /** Side 0 wakes first; each then sleeps on its own note and wakes the other's. */
    private void noteSide(int me) {
        Note mine = notes[me];
        Note theirs = notes[1 - me];
        Switch.systemstack(() -> {
            for (int i = 0; i < NOTE_ROUND_TRIPS; i++) {
                if (me == 0) {
                    Note.notewakeup(theirs);
                    Note.notesleep(mine);
                    Note.noteclear(mine);
                } else {
                    Note.notesleep(mine);
                    Note.noteclear(mine);
                    Note.notewakeup(theirs);
                }
            }
        });
        finished.countDown();
    }
}
