package dev.gort.runtime;

import dev.gort.runtime.stack.Func;
import dev.gort.runtime.stack.Unwinder;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Printing goroutine stacks when a runtime dies, as GOTRACEBACK says: Go's {@code traceback},
 * {@code tracebackothers}, {@code gotraceback} and {@code setTraceback}.
 *
 * <p>Go: traceback.go, runtime1.go {@code gotraceback}/{@code setTraceback}, panic.go
 * {@code dopanic_m}.
 *
 * <p>A goroutine's frames are its Java frames (the panicking exception's, or its continuation's),
 * each printed in Go's two-line shape: the function, then its source file and line. A frame that
 * entered a frame on the simulated stack ({@link Func}) is named by that Func, and at level 2 also
 * shows the frame's {@code fp} and {@code sp}. Runtime frames (classes of the runtime itself) are
 * shown only at level 2 ({@code system}), except the exported API ({@code Gort}) and {@code panic};
 * the frames of the JDK's continuation machinery never. A stack of more than 100 frames shows its
 * first and last 50. System goroutines (those the runtime started) are listed only at level 2.
 *
 * <p>Levels, as in Go: {@code none} (0: no stacks), {@code single} (1, the default: the failing
 * goroutine), {@code all} (1 and every goroutine), {@code system} (2 and all), {@code crash}
 * (system, then the process aborts with SIGABRT instead of exiting 2). A runtime throw always
 * prints at level 2 with all goroutines; a fatal error with all goroutines at the set level.
 * Differences from Go: at most 100 other goroutines are listed and 10 of them with stacks (a
 * million parked goroutines is an ordinary test here); "created by" names the class that holds
 * the {@code go} statement, with no line.
 */
final class Traceback {
    private Traceback() {}

    // Go's traceback_cache bits (runtime1.go):
    static final int ALL = 1;            // tracebackAll: every goroutine
    static final int CRASH = 2;          // tracebackCrash: abort instead of exit(2)
    static final int SHIFT = 2;          // tracebackShift: the level sits above the flags

    private static final int MAX_STACKS = 10;   // other goroutines printed with their frames
    private static final int MAX_HEADERS = 100; // other goroutines printed at all
    private static final int INNER_FRAMES = 50; // Go: tracebackInnerFrames
    private static final int OUTER_FRAMES = 50; // Go: tracebackOuterFrames
    private static final String PROC = "dev.gort.runtime.sched.Proc";

    /** Go: setTraceback. The setting for a GOTRACEBACK value ("" and "single" are the default). */
    static int parse(String level) {
        return switch (level) {
            case "none" -> 0;
            case "single", "" -> 1 << SHIFT;
            case "all" -> 1 << SHIFT | ALL;
            case "system" -> 2 << SHIFT | ALL;
            case "crash" -> 2 << SHIFT | ALL | CRASH;
            default -> { // Go: a number N is level N with all goroutines; anything else, level 0 with all
                int t = ALL;
                try {
                    int n = Integer.parseInt(level);
                    if (n >= 0) {
                        t |= n << SHIFT;
                    }
                } catch (NumberFormatException e) {
                    // not a number: level 0
                }
                yield t;
            }
        };
    }

    /** Go: gotraceback's level for the dying M: a runtime throw always shows runtime frames. */
    static int level(Gort rt, M mp) {
        return mp.throwing >= 2 ? 2 : rt.traceback >>> SHIFT;
    }

    /** Go: gotraceback's all: a throw or fatal error lists every goroutine, whatever the setting. */
    static boolean all(Gort rt, M mp) {
        return mp.throwing >= 1 || (rt.traceback & ALL) != 0;
    }

    /** Go: gotraceback's crash. */
    static boolean crash(Gort rt) {
        return (rt.traceback & CRASH) != 0;
    }

    // tag::dopanic[]
    /**
     * Go: dopanic_m. Prints the dying goroutine (or the system stack it died
     * on), then the others if the level lists all of them.
     */
    static void traceback(Gort rt, M mp, FatalError.Kind kind, Throwable cause) {
        int level = level(rt, mp);
        if (level == 0) {
            return;
        }
        boolean all = all(rt, mp);
        StringBuilder b = new StringBuilder();
        G cur = mp.curg;
        G gp = kind == FatalError.Kind.PANIC ? cur : mp.g;
        if (gp != cur || cur == null) {
            all = true; // died on g0 or gsignal
        }
        // where it failed: the exception's frames, else this thread's
        StackTraceElement[] st = cause != null ? cause.getStackTrace()
                : Switch.carrier().getStackTrace();
        if (gp != null && !gp.isSystem()) {
            b.append('\n').append(header(gp));
            frames(b, st, gp, simulated(gp, kind, cause), level);
        } else if (level >= 2 || mp.throwing >= 2) {
            b.append("\nruntime stack:\n");
            frames(b, st, null, Sim.NONE, level);
        }
        if (all) {
            others(b, rt, gp, cur, level, MAX_HEADERS, MAX_STACKS);
        }
        rt.print(b.toString());
    }
    // end::dopanic[]

    // tag::stack[]
    /**
     * Go: runtime.Stack. The calling goroutine's header and frames ({@code own},
     * taken on it), and with {@code all} every other goroutine that NumGoroutine
     * counts, each after a blank line: on the system stack with the world
     * stopped, so that no goroutine starts or ends meanwhile.
     */
    static String stack(Gort rt, G gp, StackTraceElement[] own, boolean all) {
        StringBuilder b = new StringBuilder();
        Runnable print = () -> {
            b.append(header(gp));
            frames(b, own, gp, Sim.of(gp), 1);
            if (all) {
                others(b, rt, gp, null, 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
            }
        };
        if (all) {
            dev.gort.runtime.sched.World.stopTheWorld(print);
        } else {
            print.run();
        }
        return b.toString();
    }
    // end::stack[]

    /**
     * Go: goroutineheader. {@code goroutine N [status]:}, where a waiting G's status
     * is its wait reason, with {@code (scan)} while its stack is held and
     * {@code , locked to thread} while it is wired to its M.
     */
    private static String header(G gp) {
        int s = gp.readgstatus();
        boolean scan = (s & G._Gscan) != 0;
        s &= ~G._Gscan;
        String status = G.statusString(s);
        if (s == G._Gwaiting && gp.waitreason != WaitReason.ZERO) {
            status = gp.waitreason.toString();
        }
        return "goroutine " + gp.goid + " [" + status + (scan ? " (scan)" : "")
                + (gp.lockedm != null ? ", locked to thread" : "") + "]:\n";
    }

    /**
     * Go: tracebackothers. The M's own user G first when the dying G was g0; at
     * most maxHeaders others, maxStacks of them with their frames.
     */
    private static void others(StringBuilder b, Gort rt, G me, G cur, int level, int maxHeaders,
                               int maxStacks) {
        if (cur != null && cur != me) {
            b.append('\n').append(header(cur));
            stackOf(b, cur, level);
        }
        int n = rt.sched.allglen();
        int shown = 0;
        int stacks = 0;
        int elided = 0;
        for (int i = 0; i < n; i++) {
            G gp = rt.sched.allg(i);
            int s = gp.readgstatus();
            if (gp == me || gp == cur || s == G._Gdead || s == G._Gidle
                    || (isSystemGoroutine(gp) && level < 2)) {
                continue;
            }
            if (shown == maxHeaders) {
                elided++;
                continue;
            }
            shown++;
            b.append('\n').append(header(gp));
            if (s == G._Grunning || s == G._Gsyscall) {
                b.append("\tgoroutine running on other thread; stack unavailable\n");
                createdBy(b, gp);
            } else if (stacks < maxStacks) {
                stacks++;
                stackOf(b, gp, level);
            }
        }
        if (elided > 0) {
            b.append("\n...additional goroutines elided: ").append(elided).append("...\n");
        }
    }

    private static void stackOf(StringBuilder b, G gp, int level) {
        StackTraceElement[] st;
        try {
            st = gp.cont.getStackTrace();
        } catch (RuntimeException e) {
            b.append("\tstack unavailable\n");
            return;
        }
        frames(b, st, gp, Sim.of(gp), level);
    }

    /**
     * A goroutine's frames on the simulated stack, top first: its Funcs and their sp. Taken when
     * the traceback is printed, or, for a {@link GoPanic}, when it was raised, because Java unwinds
     * (and {@code finally} leaves the frames) before the panic reaches the bottom of the goroutine.
     */
    record Sim(List<Func> fn, List<Long> sp) {
        static final Sim NONE = new Sim(List.of(), List.of());

        static Sim of(G gp) {
            Sim s = new Sim(new ArrayList<>(), new ArrayList<>());
            Unwinder.tracebackFrames(gp.rt.mem.space, gp, (base, fn) -> {
                s.fn.add(fn);
                s.sp.add(base);
            });
            return s;
        }
    }

    private static Sim simulated(G gp, FatalError.Kind kind, Throwable cause) {
        if (kind != FatalError.Kind.PANIC) {
            return Sim.of(gp); // still on the stack: nothing unwound
        }
        return cause instanceof GoPanic p && p.frames != null ? p.frames : Sim.NONE;
    }

    /** One frame as Go prints it: the function, then a tab and where it is. */
    private record Line(String fn, String where) {}

    /**
     * Go: traceback1. Prints the frames of gp (or of g0 when gp is null) from st, top first,
     * naming the ones that hold a simulated frame by their Func.
     */
    private static void frames(StringBuilder b, StackTraceElement[] st, G gp, Sim frames, int level) {
        List<Func> sim = frames.fn();
        List<Long> sp = frames.sp();
        List<Line> lines = new ArrayList<>();
        int next = 0;
        for (StackTraceElement f : st) {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (machinery(c, m)) {
                continue;
            }
            if (c.equals(PROC) && m.equals("goroutineBody")) {
                if (level >= 2) {
                    lines.add(new Line("runtime.goexit()", where(f)));
                }
                break; // the bottom of a goroutine, Go's goexit frame
            }
            if (next < sim.size() && sim.get(next).enteredBy(c, m)) {
                Func fn = sim.get(next);
                long base = sp.get(next++);
                String meta = level >= 2 ? " fp=0x" + Long.toHexString(base + fn.frameSize)
                        + " sp=0x" + Long.toHexString(base) : "";
                lines.add(new Line(fn.name + "(...)", where(f) + meta));
            } else if (c.equals(Gort.class.getName()) && m.equals("panic")) {
                lines.add(new Line("panic(...)", where(f))); // Go always shows gopanic's frame
            } else if (!isRuntime(c)) {
                lines.add(new Line(c + "." + m + "(...)", where(f)));
            } else if (level >= 2 || c.equals(Gort.class.getName())) {
                lines.add(new Line("runtime." + m.replace("_", "") + "(...)", where(f)));
            }
        }
        int n = lines.size();
        for (int i = 0; i < n; i++) {
            if (n > INNER_FRAMES + OUTER_FRAMES && i == INNER_FRAMES) {
                b.append("...").append(n - INNER_FRAMES - OUTER_FRAMES).append(" frames elided...\n");
                i = n - OUTER_FRAMES;
            }
            b.append(lines.get(i).fn).append("\n\t").append(lines.get(i).where).append('\n');
        }
        if (gp != null) {
            createdBy(b, gp);
        }
    }

    private static String where(StackTraceElement f) {
        return (f.getFileName() == null ? "?" : f.getFileName()) + ":" + f.getLineNumber();
    }

    /** Go: printcreatedby. The class whose go statement started gp, and its parent. */
    private static void createdBy(StringBuilder b, G gp) {
        Class<?> start = gp.startfn;
        if (start == null || gp.parentGoid == 0) {
            return; // the main goroutine, started by the runtime itself
        }
        String c = start.getName();
        int lambda = c.indexOf("$$Lambda");
        if (lambda >= 0) {
            c = c.substring(0, lambda);
        }
        if (isRuntime(c)) {
            c = "runtime." + c.substring(c.lastIndexOf('.') + 1);
        }
        b.append("created by ").append(c).append(" in goroutine ").append(gp.parentGoid).append('\n');
    }

    /** Go: isSystemGoroutine. A goroutine whose function is the runtime's own (the collector's workers). */
    static boolean isSystemGoroutine(G gp) {
        Class<?> start = gp.startfn;
        return start != null && fromRuntime(start);
    }

    /** The JDK's continuation frames and the dying path itself: never printed. */
    private static boolean machinery(String c, String m) {
        return c.startsWith("jdk.internal.vm.") || c.equals("java.lang.Thread")
                || c.equals(Traceback.class.getName()) || c.equals(Print.class.getName())
                || c.equals(Panic.class.getName()) && m.equals("die")
                || c.equals(Gort.class.getName()) && m.equals("dieOn");
    }

    private static final CodeSource RUNTIME_CODE = Gort.class.getProtectionDomain().getCodeSource();
    private static final Map<String, Boolean> RUNTIME_CLASSES = new ConcurrentHashMap<>();

    /**
     * Whether class c is the runtime's own code: loaded from where {@link Gort} was. Not a name
     * test, because tests and experiments may live in the runtime's packages.
     */
    static boolean isRuntime(String c) {
        if (!c.startsWith("dev.gort.")) {
            return false;
        }
        return RUNTIME_CLASSES.computeIfAbsent(c, name -> {
            try {
                return fromRuntime(Class.forName(name, false, Gort.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    private static boolean fromRuntime(Class<?> k) {
        CodeSource cs = k.getProtectionDomain().getCodeSource();
        if (cs == RUNTIME_CODE) {
            return true;
        }
        // jshell's snippets have a code source with no location
        return cs != null && RUNTIME_CODE != null && cs.getLocation() != null
                && cs.getLocation().equals(RUNTIME_CODE.getLocation());
    }
}
