package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.gort.grader.demo.Demo;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.SchedStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code workbook demo}: boot a runtime, keep it busy with {@link Demo}'s workload, print what the
 * scheduler did and write an execution trace for ui.perfetto.dev.
 *
 * <p>Users: anyone who has just cloned gort and wants to see that it works and what it is; the
 * README's first command. Exit status 0, or 1 if the runtime died or the trace could not be written.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Boot a runtime and watch goroutines park, wake, get stolen and make syscalls.",
            "A ring of goroutines passes a token around (gopark/goready) while others make",
            "blocking system calls; then as many short-lived goroutines run on reused Gs.",
            "Prints the scheduler's counters and writes a trace for ui.perfetto.dev."})
final class DemoCommand implements Callable<Integer> {
    private static final String DEFAULT_TRACE = "target/gort-demo-trace.json";

    @Spec CommandSpec spec;

    @Option(names = {"-p", "--procs"}, paramLabel = "N", defaultValue = "2",
            description = "GOMAXPROCS: how many Ps run goroutines at once (default: ${DEFAULT-VALUE}).")
    int procs;

    @Option(names = "--goroutines", paramLabel = "N", defaultValue = "100000",
            description = "Goroutines in the ring, and short-lived ones after it"
                    + " (default: ${DEFAULT-VALUE}).")
    int goroutines;

    @Option(names = "--laps", paramLabel = "N", defaultValue = "10",
            description = "Times the token goes around the ring (default: ${DEFAULT-VALUE}).")
    int laps;

    @Option(names = "--syscallers", paramLabel = "N", defaultValue = "8",
            description = "Goroutines making 1 ms blocking system calls while the ring runs"
                    + " (default: ${DEFAULT-VALUE}).")
    int syscallers;

    @Option(names = "--trace-events", paramLabel = "N", defaultValue = "200000",
            description = "Trace events to keep; later ones are counted and dropped, so the trace"
                    + " shows the start of the run (default: ${DEFAULT-VALUE}, about 15 MB).")
    int traceEvents;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Where to write the Chrome/Perfetto trace (default: " + DEFAULT_TRACE
                    + " under the current directory, or the temporary directory if that is not"
                    + " writable).")
    Path trace;

    @Override
    public Integer call() {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "gort demo: GOMAXPROCS=%d, a ring of %,d goroutines, %d laps,"
                + " %d syscall goroutines%n", procs, goroutines, laps, syscallers);
        Gort gort = Gort.boot(
                Config.defaults().gomaxprocs(procs).tracing(true).traceLimit(traceEvents));
        try {
            printSummary(out, new Demo(goroutines, laps, syscallers).run(gort));
        } catch (FatalError e) {
            spec.commandLine().getErr().println(
                    "gort: the demo's runtime died (" + e.getMessage() + "); its output is above.");
            return 1;
        }
        return writeTrace(gort, out);
    }

    private void checkOptions() {
        check(procs >= 1, "--procs must be at least 1, got " + procs);
        check(goroutines >= 1, "--goroutines must be at least 1, got " + goroutines);
        check(laps >= 1, "--laps must be at least 1, got " + laps);
        check(syscallers >= 0, "--syscallers must not be negative, got " + syscallers);
        check(traceEvents >= 1, "--trace-events must be at least 1, got " + traceEvents);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private int writeTrace(Gort gort, PrintWriter out) {
        Path file = trace != null ? trace : defaultTraceFile();
        try {
            gort.tracer().writeChromeJson(file);
        } catch (IOException e) {
            spec.commandLine().getErr().println("gort: could not write the trace to "
                    + file.toAbsolutePath() + ": " + e + ". Choose another file with --trace FILE.");
            return 1;
        }
        out.println("trace:       " + file.toAbsolutePath());
        long dropped = gort.tracer().dropped();
        if (dropped > 0) {
            out.printf(Locale.ROOT, "             the first %,d events; %,d later ones were dropped"
                    + " (--trace-events N keeps more)%n", traceEvents, dropped);
        }
        out.println("open it at https://ui.perfetto.dev");
        return 0;
    }

    private static void printSummary(PrintWriter out, Demo.Result r) {
        SchedStats s = r.stats();
        out.printf(Locale.ROOT, "token ring:  %,d hand-offs in %s (%,d ns each)%n", r.ringHandoffs(),
                seconds(r.ringNanos()), r.ringNanos() / r.ringHandoffs());
        out.printf(Locale.ROOT, "syscalls:    %,d made beside the ring%n", r.syscalls());
        out.printf(Locale.ROOT, "short-lived: %,d goroutines started and exited in %s%n", r.shortLived(),
                seconds(r.shortLivedNanos()));
        out.printf(Locale.ROOT, "Gs created:  %,d%n", s.gsCreated());
        out.printf(Locale.ROOT, "Gs reused:   %,d (Gs ever allocated: %,d)%n", s.gsReused(), s.allgs());
        out.printf(Locale.ROOT, "Ms started:  %,d%n", s.msStarted());
        out.printf(Locale.ROOT, "steals:      %,d%n", s.steals());
        out.printf(Locale.ROOT, "handoffs:    %,d%n", s.handoffs());
        out.printf(Locale.ROOT, "wall time:   %s%n", seconds(r.wallNanos()));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** {@value #DEFAULT_TRACE} under the current directory if writable, else the temporary directory. */
    private static Path defaultTraceFile() {
        Path file = Path.of(DEFAULT_TRACE);
        try {
            Files.createDirectories(file.getParent());
            if (Files.isWritable(file.getParent())) {
                return file;
            }
        } catch (IOException | SecurityException e) {
            // not writable here: fall through to the temporary directory
        }
        return Path.of(System.getProperty("java.io.tmpdir"), file.getFileName().toString());
    }
}
