// Generated from runtime/src/main/java/dev/gort/runtime/lock/NoteFutex.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: b10244940616b697
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
        throw new Todo("noteclear", "Set the key to 0.", "synchronization#note");
    }

    /** Go: notewakeup. Wakes the sleeper, now or when it comes; at most once per clear. */
    @Override
    public void notewakeup(Note n) {
        throw new Todo("notewakeup", "Swap 1 into the key; if it was not 0, print \"notewakeup - double wakeup (old)\" and throw \"notewakeup - double wakeup\". Then futexwakeup one sleeper.", "synchronization#note");
    }

    /** Go: notesleep. Sleeps the M (and its P) until the note is woken. g0 only. */
    @Override
    public void notesleep(Note n) {
        throw new Todo("notesleep", "Only on g0 (else throw \"notesleep not on g0\"). While the key is 0: m.blocked = true, futexsleep(key, 0, forever), m.blocked = false.", "synchronization#note");
    }

    /**
     * Go: notetsleep. Like notesleep but gives up after {@code ns} nanoseconds ({@code ns < 0}: never);
     * returns whether the note was woken. On g0, or on a user G that may not be preempted.
     */
    @Override
    public boolean notetsleep(Note n, long ns) {
        throw new Todo("notetsleep", "On g0 (or a G with m.preemptoff set; else throw \"notetsleep not on g0\"): sleep like notesleep but give up at the deadline; return whether the key became 1.", "synchronization#note");
    }

    /**
     * Go: notetsleepg. notetsleep for a user G: the G's M blocks, but its P is handed off first
     * (entersyscallblock), so other goroutines keep running.
     */
    @Override
    public boolean notetsleepg(Note n, long ns) {
        throw new Todo("notetsleepg", "On a user G only (else throw \"notetsleepg on g0\"): entersyscallblock, sleep as notetsleep does, exitsyscall; return whether woken.", "synchronization#note");
    }

    private static boolean notetsleepInternal(M mp, Note n, long ns) {
        throw new Todo("notetsleep_internal", "ns < 0: loop futexsleep(key, 0, forever) while the key is 0, return true. Else compute the deadline from nanotime and loop futexsleep(key, 0, ns) re-checking the key and shrinking ns until the key is 1 or the deadline passed. m.blocked is true while asleep.", "synchronization#note");
    }
}
