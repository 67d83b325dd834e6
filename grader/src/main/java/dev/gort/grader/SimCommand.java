package dev.gort.grader;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.trace.TraceEvent;
import dev.gort.runtime.trace.Tracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook sim}: the book's homework, in the manner of OSTEP's simulators. Each problem runs
 * a small program on the reference runtime over the simulated OS, so a seed names one run exactly.
 * Without {@code -c} it prints the program and the questions (predict first); with {@code -c} it
 * also prints the trace, one line per event, and the answers, each read from that trace, never
 * stored: change {@code --seed}, {@code --procs} or {@code --gs} and the answers follow.
 *
 * <p>Users: a reader at the end of a chapter; an instructor making variants of a question.
 * Exit status 0, or 2 for an unknown problem.
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = {
            "Homework from the simulator: run a small program on the simulated OS, predict, check.",
            "Problems: runnext, steal, handoff (chapter 1), lostwakeup (chapter 3).",
            "Without -c: the program and the questions. With -c: the trace and the answers."})
final class SimCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROBLEM", description = "runnext, steal, handoff or lostwakeup.")
    String problem;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the simulated OS's interleaving (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--procs", paramLabel = "N", description = "GOMAXPROCS (default: the problem's own).")
    Integer procs;

    @Option(names = "--gs", paramLabel = "N", defaultValue = "4",
            description = "How many goroutines main starts (default: ${DEFAULT-VALUE}).")
    int gs;

    @Option(names = "--broken", description = "lostwakeup: publish the waiter before parking, unprotected.")
    boolean broken;

    @Option(names = "-c", description = "Compute: print the trace and the answers.")
    boolean compute;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "0",
            description = "lostwakeup: run seeds 1 to N and count the runs that died.")
    int seeds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (problem) {
            case "runnext" -> runnext(out);
            case "steal" -> steal(out);
            case "handoff" -> handoff(out);
            case "lostwakeup" -> lostwakeup(out);
            default -> {
                spec.commandLine().getErr().println("workbook sim: no problem named '" + problem
                        + "'. Expected one of: runnext, steal, handoff, lostwakeup.");
                return 2;
            }
        }
        out.flush();
        return 0;
    }

    // ---- the problems -----------------------------------------------------------------------

    private void runnext(PrintWriter out) {
        int p = procs == null ? 1 : procs;
        header(out, "runnext", p, List.of(
                "main (G1) runs `go work()` " + gs + " times in a row, then waits for all of them.",
                "Each goroutine runs for 100 µs and exits."), List.of(
                "1. In which order do the goroutines start running?",
                "2. Which one runs first, and why is it not the first one created? (§1.3.2, runnext)",
                "3. Run with --procs 2. What changes, and who takes the goroutines to the second P?"));
        if (compute) {
            List<TraceEvent> ev = traced(p, rt -> startAndWait(rt, gs, 100));
            answers(out, ev, List.of(
                    "1. start order: " + starts(ev),
                    "2. the first to run is G" + firstStarted(ev) + ": a new goroutine goes to runnext,"
                            + " kicking the previous one to the tail of the ring",
                    "3. goroutines per P: " + perP(ev)));
        }
    }

    private void steal(PrintWriter out) {
        int p = procs == null ? 2 : procs;
        header(out, "steal", p, List.of(
                "main (G1) runs `go work()` " + gs + " times on its P, then waits for all of them.",
                "Each goroutine works for 300 µs and exits."), List.of(
                "1. How many goroutines does each P run?",
                "2. How many steals happen, and which Ps steal from which?",
                "3. Try --gs 1: is there anything to steal? And --procs 4?"));
        if (compute) {
            List<TraceEvent> ev = traced(p, rt -> startAndWait(rt, gs, 300));
            List<String> steals = new ArrayList<>();
            for (TraceEvent e : ev) {
                if (e.type() == Tracer.STEAL) {
                    steals.add("P" + e.p() + " took G" + e.g() + " from P" + e.arg());
                }
            }
            answers(out, ev, List.of("1. goroutines per P: " + perP(ev),
                    "2. " + steals.size() + " steal(s)" + (steals.isEmpty() ? "" : ": " + String.join("; ", steals)),
                    "3. (run them)"));
        }
    }

    private void handoff(PrintWriter out) {
        int p = procs == null ? 1 : procs;
        header(out, "handoff", p, List.of(
                "main (G1) starts " + gs + " goroutines that work for 500 µs, and one more that makes a",
                "3 ms blocking system call first. The last one created runs first (runnext)."), List.of(
                "1. Is the P handed off while the call blocks? By whom? (§1.5)",
                "2. On how many different Ms do goroutines run?",
                "3. When the call returns, does its goroutine find a P at once?"));
        if (compute) {
            List<TraceEvent> ev = traced(p, rt -> {
                var done = new Sema();
                for (int i = 0; i < gs; i++) {
                    Gort.go(() -> {
                        work(rt, 500);
                        Sema.semrelease(done);
                    });
                }
                Gort.go(() -> {
                    Gort.syscall(() -> rt.os.usleep(3000));
                    Sema.semrelease(done);
                });
                for (int i = 0; i <= gs; i++) {
                    Sema.semacquire(done);
                }
            });
            long handoffs = ev.stream().filter(e -> e.type() == Tracer.HANDOFF).count();
            long ms = ev.stream().filter(e -> e.type() == Tracer.GO_START).mapToLong(TraceEvent::m).distinct().count();
            String back = ev.stream().filter(e -> e.type() == Tracer.GO_SYSEXIT).findFirst()
                    .map(e -> e.p() >= 0 ? "yes, it took P" + e.p() + " on exit" : "no: it lost its P and queued")
                    .orElse("(no system call seen)");
            answers(out, ev, List.of("1. hand-offs: " + handoffs + " (sysmon retakes the P, handoffp gives it away)",
                    "2. goroutines ran on " + ms + " M(s)", "3. " + back));
        }
    }

    /**
     * The lost wakeup, as a broken version first: a waiter that publishes itself and then parks,
     * with nothing between the two, against the fix that publishes from gopark's unlockf.
     */
    private void lostwakeup(PrintWriter out) {
        int p = procs == null ? 2 : procs;
        header(out, "lostwakeup" + (broken ? " --broken" : ""), p, List.of(
                "A waiter G waits for a flag that a waker G sets. The waker: set the flag, then",
                "goready the waiter if one is published. The waiter: if the flag is clear, publish",
                broken ? "itself, then gopark (BROKEN: nothing ties the publish to the park)."
                        : "itself from gopark's unlockf, re-checking the flag there (the fix).",
                "Both start at once, on different Ps."), List.of(
                "1. Can the waker see the waiter published but not yet parked? What then?",
                "2. Run seeds 1 to 20 (--seeds 20) with --broken. Does every run finish?",
                "3. Why can the fixed version never lose the wakeup? (§3.4)"));
        if (seeds > 0) {
            int died = 0;
            for (long sd = 1; sd <= seeds; sd++) {
                String v = lostwakeupRun(sd, p);
                died += v.startsWith("the runtime died") ? 1 : 0;
                out.println("  seed " + sd + ": " + v.lines().findFirst().orElse(v));
            }
            out.println(died + " of " + seeds + " seeds died" + (died == 0 ? "" : "; replay one with --seed S -c"));
        } else if (compute) {
            out.println("Answers (seed " + seed + "):");
            out.println("  " + lostwakeupRun(seed, p));
            out.println("  Replay: ./workbook sim lostwakeup" + (broken ? " --broken" : "") + " --seed " + seed + " -c");
        }
    }

    /** One run of the lostwakeup program on seed {@code sd}: whether it finished, or how it died. */
    private String lostwakeupRun(long sd, int p) {
        AtomicBoolean flag = new AtomicBoolean();
        AtomicReference<G> waiting = new AtomicReference<>();
        try {
            traced(sd, p, rt -> {
                var done = new Sema();
                Gort.go(() -> {               // the waiter
                    if (!flag.get()) {
                        if (broken) {
                            waiting.set(Gort.getg());
                            Gort.gosched();   // anything may happen here, on a real machine too
                            Gort.gopark((gp, l) -> true, null, WaitReason.ZERO);
                        } else {
                            Gort.gopark((gp, l) -> {
                                waiting.set(gp);
                                return !flag.get();   // already set: do not sleep
                            }, null, WaitReason.ZERO);
                        }
                    }
                    Sema.semrelease(done);
                });
                Gort.go(() -> {               // the waker
                    flag.set(true);
                    G w = waiting.getAndSet(null);
                    if (w != null) {
                        Gort.goready(w);
                    }
                    Sema.semrelease(done);
                });
                Sema.semacquire(done);
                Sema.semacquire(done);
            });
            return "the run finished: no wakeup was lost on this seed";
        } catch (FatalError e) {
            String m = String.valueOf(e.getMessage());
            return "the runtime died: " + m + (m.contains("deadlock")
                    ? "\n  (the waker looked before the waiter published itself: the wakeup was lost)"
                    : m.contains("ready") ? "\n  (the waker found the waiter published but not yet parked)" : "");
        }
    }

    // ---- running and reading a trace --------------------------------------------------------------

    private interface Program {
        void main(Gort rt);
    }

    private List<TraceEvent> traced(int p, Program program) {
        return traced(seed, p, program);
    }

    private static List<TraceEvent> traced(long seed, int p, Program program) {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(p).tracing(true).name("sim").simulated(seed));
        rt.run(() -> program.main(rt));
        return rt.tracer().events();
    }

    private static void startAndWait(Gort rt, int n, long micros) {
        var done = new Sema();
        for (int i = 0; i < n; i++) {
            Gort.go(() -> {
                work(rt, micros);
                Sema.semrelease(done);
            });
        }
        for (int i = 0; i < n; i++) {
            Sema.semacquire(done);
        }
    }

    /** Runs for about {@code micros} of the runtime's time, as a goroutine doing work would. */
    private static void work(Gort rt, long micros) {
        long until = rt.os.nanotime() + micros * 1000;
        while (rt.os.nanotime() < until) {
            Gort.checkPreempt();
            Thread.onSpinWait();
        }
    }

    private static String starts(List<TraceEvent> ev) {
        List<String> order = new ArrayList<>();
        for (TraceEvent e : ev) {
            if (e.type() == Tracer.GO_START && e.g() != 1 && !order.contains("G" + e.g())) {
                order.add("G" + e.g());
            }
        }
        return String.join(" ", order);
    }

    private static long firstStarted(List<TraceEvent> ev) {
        return ev.stream().filter(e -> e.type() == Tracer.GO_START && e.g() != 1).mapToLong(TraceEvent::g)
                .findFirst().orElse(-1);
    }

    private static String perP(List<TraceEvent> ev) {
        Map<Integer, List<Long>> byP = new TreeMap<>();
        for (TraceEvent e : ev) {
            if (e.type() == Tracer.GO_START && e.g() != 1) {
                List<Long> l = byP.computeIfAbsent(e.p(), k -> new ArrayList<>());
                if (!l.contains(e.g())) {
                    l.add(e.g());
                }
            }
        }
        List<String> parts = new ArrayList<>();
        byP.forEach((p, l) -> parts.add("P" + p + " " + l.size() + " " + l.stream().map(g -> "G" + g).toList()));
        return String.join(", ", parts);
    }

    private void header(PrintWriter out, String name, int p, List<String> program, List<String> questions) {
        out.println("Problem " + name + ", GOMAXPROCS=" + p + ", seed " + seed + " (simulated OS: same seed, same run)");
        program.forEach(l -> out.println("  " + l));
        out.println();
        questions.forEach(q -> out.println(q));
        out.println();
        if (!compute) {
            out.println("Predict, then run it with -c to see the trace and the answers.");
        }
    }

    private void answers(PrintWriter out, List<TraceEvent> ev, List<String> answers) {
        out.println("Trace (time in µs since main's first go statement; P, M, event, G):");
        long t0 = ev.stream().filter(e -> e.type() == Tracer.GO_CREATE && e.g() != 1).mapToLong(TraceEvent::ts)
                .findFirst().orElse(0);
        for (TraceEvent e : ev) {
            if (e.ts() >= t0) {
                out.printf("  %8.1f  P%-2s M%-2d %-10s G%d%n", (e.ts() - t0) / 1000.0, e.p() < 0 ? "-" : e.p(),
                        e.m(), e.typeName(), e.g());
            }
        }
        out.println();
        out.println("Answers (seed " + seed + "):");
        answers.forEach(a -> out.println("  " + a));
    }
}
