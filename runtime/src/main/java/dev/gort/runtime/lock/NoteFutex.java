package dev.gort.runtime.lock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.part.NotePart;

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
        // SOLUTION noteclear: Afterwards the note is not set: a notesleep waits for the next notewakeup. | book: synchronization#note
        n.key.store(0);
        // END SOLUTION
    }

    /** Go: notewakeup. Wakes the sleeper, now or when it comes; at most once per clear. */
    @Override
    public void notewakeup(Note n) {
        // SOLUTION notewakeup: Afterwards the note is set and its sleeper, if any, woken; a wakeup before the sleep is not lost. Throws "notewakeup - double wakeup" (after printing the old key) if it was set already. | book: synchronization#note
        int old = n.key.xchg(1);
        if (old != 0) {
            Panic.print("notewakeup - double wakeup (" + old + ")\n");
            throw Panic.throw_("notewakeup - double wakeup");
        }
        Switch.getm().rt.os.futexwakeup(n.key, 1);
        // END SOLUTION
    }

    /** Go: notesleep. Sleeps the M (and its P) until the note is woken. g0 only. */
    @Override
    public void notesleep(Note n) {
        // SOLUTION notesleep: Returns once the note is set, the M asleep on the futex meanwhile (m.blocked), however often the futex returns early. Throws "notesleep not on g0" off the system stack. | book: synchronization#note
        G gp = Switch.getg();
        if (gp == null || gp != gp.m.g0) {
            throw Panic.throw_("notesleep not on g0");
        }
        M mp = gp.m;
        while (n.key.load() == 0) {
            mp.blocked = true;
            mp.rt.os.futexsleep(n.key, 0, -1);
            mp.blocked = false;
        }
        // END SOLUTION
    }

    /**
     * Go: notetsleep. Like notesleep but gives up after {@code ns} nanoseconds ({@code ns < 0}: never);
     * returns whether the note was woken. On g0, or on a user G that may not be preempted.
     */
    @Override
    public boolean notetsleep(Note n, long ns) {
        // SOLUTION notetsleep: Like notesleep, but gives up after ns (ns < 0: never); returns whether the note was set. Throws "notetsleep not on g0" on a user G without m.preemptoff. | book: synchronization#note
        G gp = Switch.getg();
        if (gp == null || (gp != gp.m.g0 && gp.m.preemptoff == null)) {
            throw Panic.throw_("notetsleep not on g0");
        }
        return notetsleepInternal(gp.m, n, ns);
        // END SOLUTION
    }

    /**
     * Go: notetsleepg. notetsleep for a user G: the G's M blocks, but its P is handed off first
     * (entersyscallblock), so other goroutines keep running.
     */
    @Override
    public boolean notetsleepg(Note n, long ns) {
        // SOLUTION notetsleepg: notetsleep for a user G: its P is handed off while it sleeps (as in a blocking syscall) and taken back after; returns whether the note was set. Throws "notetsleepg on g0" on the system stack. | book: synchronization#note
        G gp = Switch.getg();
        if (gp == null || gp == gp.m.g0) {
            throw Panic.throw_("notetsleepg on g0");
        }
        Gort.entersyscallblock();
        boolean ok = notetsleepInternal(Switch.getm(), n, ns);
        Gort.exitsyscall();
        return ok;
        // END SOLUTION
    }

    private static boolean notetsleepInternal(M mp, Note n, long ns) {
        // SOLUTION notetsleep_internal: Waits until the key is 1, or ns have passed (ns < 0: forever), whatever the futex returns early; returns whether the key became 1. m.blocked is true while asleep. | book: synchronization#note
        if (ns < 0) {
            while (n.key.load() == 0) {
                mp.blocked = true;
                mp.rt.os.futexsleep(n.key, 0, -1);
                mp.blocked = false;
            }
            return true;
        }
        if (n.key.load() != 0) {
            return true;
        }
        long deadline = mp.rt.os.nanotime() + ns;
        for (;;) {
            mp.blocked = true;
            mp.rt.os.futexsleep(n.key, 0, ns);
            mp.blocked = false;
            if (n.key.load() != 0) {
                break;
            }
            long now = mp.rt.os.nanotime();
            if (now >= deadline) {
                break;
            }
            ns = deadline - now;
        }
        return n.key.load() != 0;
        // END SOLUTION
    }
}
