package dev.gort.runtime.lock;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.sched.Syscalls;

/**
 * A one-shot event for Ms: Go's {@code note}. One M sleeps, another wakes it exactly once; then the
 * note must be cleared before it is used again.
 *
 * <p>Go: lock_futex.go {@code noteclear}, {@code notewakeup}, {@code notesleep},
 * {@code notetsleep}, {@code notetsleepg}.
 *
 * <p>{@code notesleep} blocks the M with its P and must run on g0; {@code notetsleepg} is the
 * version for a user G, which hands its P off as a blocking system call does. A wakeup that comes
 * before the sleep is not lost: the key stays 1 and the sleep returns at once.
 */
public final class Note {
    final Uint32 key = new Uint32(); // 0: not yet woken; 1: woken

    /** Go: noteclear. Must not race with a sleep or a wakeup of the same note. */
    public static void noteclear(Note n) {
        n.key.store(0);
    }

    /** Go: notewakeup. Wakes the sleeper, now or when it comes; at most once per clear. */
    public static void notewakeup(Note n) {
        int old = n.key.xchg(1);
        if (old != 0) {
            Panic.print("notewakeup - double wakeup (" + old + ")\n");
            throw Panic.throw_("notewakeup - double wakeup");
        }
        M mp = Switch.getm();
        mp.rt.os.futexwakeup(n.key, 1);
    }

    /** Go: notesleep. Sleeps the M (and its P) until the note is woken. g0 only. */
    public static void notesleep(Note n) {
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
    }

    /**
     * Go: notetsleep. Like notesleep but gives up after {@code ns} nanoseconds ({@code ns < 0}: never);
     * returns whether the note was woken. On g0, or on a user G that may not be preempted.
     */
    public static boolean notetsleep(Note n, long ns) {
        G gp = Switch.getg();
        if (gp == null || (gp != gp.m.g0 && gp.m.preemptoff == null)) {
            throw Panic.throw_("notetsleep not on g0");
        }
        return notetsleepInternal(gp.m, n, ns);
    }

    /**
     * Go: notetsleepg. notetsleep for a user G: the G's M blocks, but its P is handed off first
     * (entersyscallblock), so other goroutines keep running.
     */
    public static boolean notetsleepg(Note n, long ns) {
        G gp = Switch.getg();
        if (gp == null || gp == gp.m.g0) {
            throw Panic.throw_("notetsleepg on g0");
        }
        Syscalls.entersyscallblock();
        boolean ok = notetsleepInternal(Switch.getm(), n, ns);
        Syscalls.exitsyscall();
        return ok;
    }

    private static boolean notetsleepInternal(M mp, Note n, long ns) {
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
    }
}
