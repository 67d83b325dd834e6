package dev.gort.runtime;

/**
 * Printing goroutine stacks when a runtime dies: Go's {@code traceback} and
 * {@code tracebackothers}.
 *
 * <p>Go: traceback.go. A goroutine's stack is its continuation's Java frames; frames of the JDK's
 * continuation machinery are left out, and a user goroutine's stack ends at its body (Go's
 * {@code goexit} frame). A throw shows the system stack ("runtime stack:") and runtime frames; a
 * panic shows the panicking goroutine from where the exception was thrown. Others follow, as with
 * GOTRACEBACK=all, up to a limit.
 */
final class Traceback {
    private Traceback() {}

    private static final int MAX_STACKS = 10;   // goroutines printed with their frames
    private static final int MAX_HEADERS = 100; // goroutines printed at all
    private static final String BODY = "dev.gort.runtime.sched.Proc";

    static void traceback(Gort rt, M mp, FatalError.Kind kind, Throwable cause) {
        StringBuilder b = new StringBuilder();
        G cur = mp.curg;
        if (kind == FatalError.Kind.PANIC) {
            b.append("\ngoroutine ").append(cur.goid).append(" [running]:\n");
            frames(b, cause.getStackTrace(), true);
        } else if (mp.g == mp.g0 || cur == null) {
            b.append("\nruntime stack:\n");
            frames(b, Switch.carrier().getStackTrace(), false);
            if (cur != null) {
                b.append("\ngoroutine ").append(cur.goid).append(" [").append(G.statusString(cur.readgstatus()))
                        .append("]:\n");
                stackOf(b, cur);
            }
        } else {
            b.append("\ngoroutine ").append(cur.goid).append(" [running]:\n");
            frames(b, Switch.carrier().getStackTrace(), false);
        }
        others(b, rt, cur);
        rt.print(b.toString());
    }

    private static void others(StringBuilder b, Gort rt, G cur) {
        int n = rt.sched.allglen();
        int shown = 0;
        int stacks = 0;
        int elided = 0;
        for (int i = 0; i < n; i++) {
            G gp = rt.sched.allg(i);
            int s = gp.readgstatus();
            if (gp == cur || s == G._Gdead || s == G._Gidle) {
                continue;
            }
            if (shown == MAX_HEADERS) {
                elided++;
                continue;
            }
            shown++;
            b.append("\n").append(gp).append(":\n");
            if (s == G._Grunning || s == G._Gsyscall) {
                b.append("goroutine running on other thread; stack unavailable\n");
            } else if (stacks < MAX_STACKS) {
                stacks++;
                stackOf(b, gp);
            }
        }
        if (elided > 0) {
            b.append("\n...additional goroutines elided: ").append(elided).append("...\n");
        }
    }

    private static void stackOf(StringBuilder b, G gp) {
        try {
            frames(b, gp.cont.getStackTrace(), true);
        } catch (RuntimeException e) {
            b.append("stack unavailable\n");
        }
    }

    private static void frames(StringBuilder b, StackTraceElement[] st, boolean userOnly) {
        for (StackTraceElement f : st) {
            String c = f.getClassName();
            if (c.startsWith("jdk.internal.vm.") || c.equals("java.lang.Thread")
                    || c.equals(Traceback.class.getName()) || c.equals(Panic.class.getName())
                    || (userOnly && c.startsWith("dev.gort.runtime.") && !c.startsWith(BODY))) {
                continue;
            }
            if (c.equals(BODY) && f.getMethodName().equals("goroutineBody")) {
                b.append("created by the runtime: goroutine body\n");
                return;
            }
            b.append(c).append('.').append(f.getMethodName()).append("(...)\n\t")
                    .append(f.getFileName()).append(':').append(f.getLineNumber()).append('\n');
        }
    }
}
