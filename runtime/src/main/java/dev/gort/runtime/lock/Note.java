package dev.gort.runtime.lock;

import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.os.FutexOwner;
import dev.gort.runtime.part.NotePart;
import dev.gort.runtime.sched.Sysmon;

/**
 * A one-shot event for Ms: Go's {@code note}. One M sleeps, another wakes it exactly once; then the
 * note must be cleared before it is used again.
 *
 * <p>Go: runtime2.go {@code type note}; lock_futex.go {@code noteclear}, {@code notewakeup},
 * {@code notesleep}, {@code notetsleep}, {@code notetsleepg}.
 *
 * <p>{@code notesleep} blocks the M with its P and must run on g0; {@code notetsleepg} is the
 * version for a user G, which hands its P off as a blocking system call does. A wakeup that comes
 * before the sleep is not lost. The algorithm is a part ({@link NoteFutex} by default).
 */
public final class Note implements FutexOwner {
    /** The futex word: 0 until woken (the algorithm may use other values). */
    public final Uint32 key = new Uint32(0, this); // owner: a simulated OS names it in reports

    private static NotePart impl(String call) {
        return Switch.getm(call).rt.parts.note();
    }

    /** Go: noteclear. Must not race with a sleep or a wakeup of the same note. */
    public static void noteclear(Note n) {
        impl("Note.noteclear").noteclear(n);
    }

    /** Go: notewakeup. Wakes the sleeper, now or when it comes; at most once per clear. */
    public static void notewakeup(Note n) {
        impl("Note.notewakeup").notewakeup(n);
    }

    /** Go: notesleep. Sleeps the M (and its P) until the note is woken. g0 only. */
    public static void notesleep(Note n) {
        impl("Note.notesleep").notesleep(n);
    }

    /** Go: notetsleep. notesleep for at most ns nanoseconds ({@code ns < 0}: no limit); true if woken. */
    public static boolean notetsleep(Note n, long ns) {
        return impl("Note.notetsleep").notetsleep(n, ns);
    }

    /** Go: notetsleepg. notetsleep for a user G: its P is handed off while the M sleeps. */
    public static boolean notetsleepg(Note n, long ns) {
        M mp = Switch.getm("Note.notetsleepg");
        if (mp.outside.load() != M.OUTSIDE_NONE) {
            Sysmon.reenter(mp);
        }
        return mp.rt.parts.note().notetsleepg(n, ns);
    }

    @Override
    public String futexKind() {
        return "note";
    }
}
