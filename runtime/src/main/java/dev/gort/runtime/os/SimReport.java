package dev.gort.runtime.os;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of a simulation that cannot go on: for each M, what it is doing (runnable, blocked on
 * which futex word and which runtime object owns it, or sleeping until when), its current G, and
 * the top of its stack; then the last OS events ({@link SimEvents}). gort's own; the nearest thing in Go is the goroutine dump of a SIGQUIT.
 *
 * <p>Owners are named after the field that holds them when the runtime has one ({@code sched.lock},
 * {@code m3.park}); other mutexes and notes (a program's own) are numbered in order of appearance,
 * {@code Mutex#1}, so that the report is the same on every run of the seed.
 */
final class SimReport {
    private SimReport() {}

    private static final int FRAMES = 8; // stack frames shown per M

    static String report(String message, List<SimM> threads, SimOs.Settings settings,
                         long clock, long steps, SimEvents events) {
        StringBuilder b = new StringBuilder();
        b.append(message).append(" at step ").append(steps).append(", virtual time ")
                .append(time(clock)).append(" (seed ").append(settings.seed()).append(", ")
                .append(settings.exploration()).append(")\n");
        List<Object> anonymous = new ArrayList<>();
        for (SimM t : threads) {
            if (t.state == SimM.State.DONE) {
                continue;
            }
            b.append('\n').append(t).append(t.m.system() ? " (system)" : "").append(": ")
                    .append(state(t, threads, anonymous)).append('\n');
            String curg = t.m.curg();
            b.append("    curg: ").append(curg == null ? "none (on g0)" : curg).append('\n');
            frames(b, t);
        }
        b.append("\nlast OS events (oldest first):\n");
        long dropped = events.forEach((step, who, what, addr, other, times) -> {
            b.append("    step ").append(step).append(times > 1 ? " (the last of " + times + " in a row)" : "")
                    .append(": ").append(who == null ? "boot" : who.toString())
                    .append(' ').append(what);
            if (addr != null) {
                b.append(" on ").append(who == null ? "?" : owner(addr.owner(), threads, anonymous));
            }
            if (other != null) {
                b.append(what.equals("newosproc") ? " -> " : " woke ").append(other);
            }
            b.append('\n');
        });
        if (dropped == 0 && b.toString().endsWith("(oldest first):\n")) {
            b.append("    none\n");
        }
        return b.toString();
    }

    private static String state(SimM t, List<SimM> threads, List<Object> anonymous) {
        if (t.state == SimM.State.RUNNABLE) {
            return "runnable";
        }
        String until = t.timed() ? " until " + time(t.deadline) : " (no timeout)";
        if (t.futex == null) {
            return "sleeping in usleep" + until;
        }
        return "blocked in futexsleep on " + owner(t.futex.owner(), threads, anonymous)
                + " (key " + t.futex + ")" + until;
    }

    /** Names the object whose futex word it is. */
    private static String owner(Object o, List<SimM> threads, List<Object> anonymous) {
        if (o == null) {
            return "a futex word of no runtime object";
        }
        String kind = o instanceof FutexOwner f ? f.futexKind() + " " : "";
        String field = null;
        for (SimM t : threads) {
            field = field == null ? t.m.nameOf(o) : field;
        }
        if (field == null) {
            int i = anonymous.indexOf(o);
            if (i < 0) {
                anonymous.add(o);
                i = anonymous.size() - 1;
            }
            field = o.getClass().getSimpleName() + "#" + (i + 1) + " (not a field of sched or of an M)";
        }
        return kind + field;
    }

    private static void frames(StringBuilder b, SimM t) {
        StackTraceElement[] st;
        try {
            st = t.cont.getStackTrace();
        } catch (RuntimeException e) {
            return; // the running M's stack is not a continuation's: nothing to show
        }
        int shown = 0;
        for (StackTraceElement f : st) {
            String c = f.getClassName();
            if (c.startsWith("jdk.internal.") || c.startsWith("java.") || c.startsWith(SimOs.class.getPackageName() + ".Sim")
                    || c.startsWith("dev.gort.runtime.atomic.")) {
                continue;
            }
            if (shown++ == FRAMES) {
                b.append("        ...\n");
                return;
            }
            b.append("        at ").append(f).append('\n');
        }
    }

    private static String time(long ns) {
        return String.format(Locale.ROOT, "%.6f ms", ns / 1e6);
    }
}
