// Generated from runtime/src/main/java/dev/gort/runtime/lock/NoteFutex.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 02707413e1029215
package dev.gort.chapters.synchronization;

import dev.gort.runtime.M;
import dev.gort.runtime.part.NotePart;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.part.Todo;

/**
 * Notes on a futex: the key is 0 until woken and 1 after; a sleeper futexsleeps while it is 0.
 *
 * <p>Go: lock_futex.go {@code noteclear}, {@code notewakeup}, {@code notesleep},
 * {@code notetsleep}, {@code notetsleep_internal}, {@code notetsleepg}. (Go's semaphore-based
 * version, lock_sema.go, stores the sleeping M in the key instead.)
 */
public final class NoteFutex implements NotePart {
    /** Go: noteclear. Must not race with a sleep or a wakeup of the same note. */
    @Override
    public void noteclear(Note n) {
        throw new Todo("noteclear", "Afterwards the note is not set: a notesleep waits for the next notewakeup.", "synchronization#note");
    }

    /** Go: notewakeup. Wakes the sleeper, now or when it comes; at most once per clear. */
    @Override
    public void notewakeup(Note n) {
        throw new Todo("notewakeup", "Afterwards the note is set and its sleeper, if any, woken; a wakeup before the sleep is not lost. Throws \"notewakeup - double wakeup\" (after printing the old key) if it was set already.", "synchronization#note");
    }

    /** Go: notesleep. Sleeps the M (and its P) until the note is woken. g0 only. */
    @Override
    public void notesleep(Note n) {
        throw new Todo("notesleep", "Returns once the note is set, the M asleep on the futex meanwhile (m.blocked), however often the futex returns early. Throws \"notesleep not on g0\" off the system stack.", "synchronization#note");
    }

    /**
     * Go: notetsleep. Like notesleep but gives up after {@code ns} nanoseconds ({@code ns < 0}: never);
     * returns whether the note was woken. On g0, or on a user G that may not be preempted.
     */
    @Override
    public boolean notetsleep(Note n, long ns) {
        throw new Todo("notetsleep", "Like notesleep, but gives up after ns (ns < 0: never); returns whether the note was set. Throws \"notetsleep not on g0\" on a user G without m.preemptoff.", "synchronization#note");
    }

    /**
     * Go: notetsleepg. notetsleep for a user G: the G's M blocks, but its P is handed off first
     * (entersyscallblock), so other goroutines keep running.
     */
    @Override
    public boolean notetsleepg(Note n, long ns) {
        throw new Todo("notetsleepg", "notetsleep for a user G: its P is handed off while it sleeps (as in a blocking syscall) and taken back after; returns whether the note was set. Throws \"notetsleepg on g0\" on the system stack.", "synchronization#note");
    }

    private static boolean notetsleepInternal(M mp, Note n, long ns) {
        throw new Todo("notetsleep_internal", "Waits until the key is 1, or ns have passed (ns < 0: forever), whatever the futex returns early; returns whether the key became 1. m.blocked is true while asleep.", "synchronization#note");
    }
}
