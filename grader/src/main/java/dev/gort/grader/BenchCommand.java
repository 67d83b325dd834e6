package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.gort.grader.bench.BenchReport;
import dev.gort.grader.bench.Counterparts;
import dev.gort.grader.bench.Figure;
import dev.gort.grader.bench.GoBench;
import dev.gort.grader.bench.Jmh;
import dev.gort.grader.report.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook bench}: runs gort's JMH suite (bench/) and prints a table per benchmark with
 * each figure's error, beside the JDK's virtual threads on the same work and, with {@code --go},
 * the Go counterparts in {@code bench/go}, each run right after gort's so that both see the same
 * machine. Writes JMH's JSON (with Go's figures added in the same shape), Markdown and an
 * AsciiDoc table; {@code --save} copies them to {@code bench/results/}, which the book includes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the benchmarks: gort's hot paths beside virtual threads and Go.",
            "Builds bench/ when its sources changed, runs JMH with a progress line, and prints a",
            "table per benchmark. --quick takes under 3 minutes on 2 cores."})
final class BenchCommand implements Callable<Integer> {
    private static final List<String> QUICK = List.of("-f", "1", "-wi", "2", "-i", "3", "-w", "500ms",
            "-r", "500ms");
    private static final List<String> FULL = List.of("-f", "1", "-wi", "4", "-i", "6", "-w", "1s",
            "-r", "1s");

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Only the benchmarks whose name contains one of these (e.g. PingPong).")
    List<String> only = new ArrayList<>();

    @Option(names = "--quick", description = "Fewer and shorter iterations: rougher figures, sooner.")
    boolean quick;

    @Option(names = "--go", description = "Also run the Go counterparts (needs go on the PATH).")
    boolean go;

    @Option(names = "--save", description = "Also copy the results to bench/results/ for checking in;"
            + " the book shows that table.")
    boolean save;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where results go (default: target/gort/bench).")
    Path out;

    @Option(names = {"-o", "--offline"}, description = "Tell Maven to stay offline when it builds bench/.")
    boolean offline;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = BookCommand.root();
        if (root == null || !Files.isRegularFile(root.resolve("bench/pom.xml"))) {
            err.println("workbook bench: cannot find the gort checkout (a folder with bench/pom.xml)"
                    + " above " + Path.of("").toAbsolutePath() + ". Run it through ./workbook.");
            return 2;
        }
        Path dir = out != null ? out : root.resolve("target/gort/bench");
        Files.createDirectories(dir);
        String goVersion = go ? GoBench.version() : null;
        if (go && goVersion == null) {
            err.println("workbook bench: --go needs a Go toolchain (go on the PATH), and there is none.");
            err.println("  Install one from your OS's packages (" + GoBench.INSTALL + "),");
            err.println("  then rerun. gort's and the virtual threads' figures follow without Go's.");
        }
        if (!BenchJar.ensure(root, offline, err)) {
            return 1;
        }
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(dir.resolve("bench.log"),
                StandardCharsets.UTF_8))) {
            Jmh jmh = new Jmh(Path.of(System.getProperty("java.home"), "bin", "java"),
                    BenchJar.path(root), log);
            Counterparts cp = Counterparts.load(root.resolve("bench/counterparts.properties"));
            List<Jmh.Listed> listed = jmh.list();
            List<String> names = cp.inOrder(listed.stream().map(Jmh.Listed::name)
                    .filter(n -> !cp.isCounterpart(n))
                    .filter(n -> only.isEmpty() || only.stream().anyMatch(n::contains)).toList());
            List<Jmh.Listed> plan = names.stream().map(n -> listed.stream()
                    .filter(l -> l.name().equals(n)).findFirst().orElseThrow()).toList();
            if (plan.isEmpty()) {
                err.println("workbook bench: no benchmark matches " + only + ". The benchmarks: "
                        + listed.stream().map(Jmh.Listed::name).toList());
                return 2;
            }
            GoBench gobench = goVersion == null ? null
                    : GoBench.build(root.resolve("bench/go"), dir.resolve("gobench"), log);
            Progress progress = new Progress(err, steps(plan, listed, cp, gobench != null));
            List<Figure> figures = new ArrayList<>();
            List<Object> json = new ArrayList<>();
            int part = 0;
            for (Jmh.Listed b : plan) {
                List<String> run = new ArrayList<>(List.of(b.name()));
                List<String> settings = new ArrayList<>(quick ? QUICK : FULL);
                String vt = cp.of(b.name()).virtualThreads();
                if (vt != null && listed.stream().anyMatch(l -> l.name().equals(vt))) {
                    run.add(vt); // at gort's GOMAXPROCS values only
                    settings.addAll(List.of("-p", "procs=" + String.join(",", procs(b))));
                }
                for (Map<String, Object> e : jmh.run(run, settings,
                        dir.resolve("jmh-" + part++ + ".json"), progress)) {
                    json.add(e);
                    Figure f = Jmh.figure("gort", e);
                    figures.add(f.benchmark().equals(b.name()) ? f : Jmh.figure("virtual threads", e));
                }
                String goName = cp.of(b.name()).go();
                if (gobench != null && goName != null) {
                    progress.step("Go " + goName + " at GOMAXPROCS " + String.join(", ", procs(b)));
                    for (Figure f : gobench.run(goName, procs(b), quick ? 3 : 6, quick ? "500ms" : "1s")) {
                        figures.add(f);
                        json.add(BenchReport.jmhShaped(f, goVersion));
                    }
                }
            }
            progress.done();
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            var report = new BenchReport(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                    machine(loadBefore, loadAfter), versions(goVersion),
                    BenchReport.tables(names, cp, figures));
            Files.writeString(dir.resolve("results.json"), Json.write(json));
            Files.writeString(dir.resolve("results.md"), report.markdown());
            Files.writeString(dir.resolve("_results.adoc"), report.asciidoc());
            w.print(report.text());
            w.println();
            w.println("Results: " + dir.resolve("results.md") + " (and results.json, _results.adoc);"
                    + " JMH's output: " + dir.resolve("bench.log"));
            if (save) {
                Path saved = root.resolve("bench/results");
                Files.createDirectories(saved);
                Files.copy(dir.resolve("results.json"), saved.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(dir.resolve("results.md"), saved.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(dir.resolve("_results.adoc"), saved.resolve("_latest.adoc"), StandardCopyOption.REPLACE_EXISTING);
                w.println("Saved to " + saved + ": commit them, and the book's benchmark appendix shows this run.");
            }
            return 0;
        }
    }

    /** The GOMAXPROCS values gort's benchmark runs at: its procs parameter's, else 1. */
    private static List<String> procs(Jmh.Listed b) {
        return b.params().getOrDefault("procs", List.of("1"));
    }

    /** How many progress steps the plan has: a JMH run per parameter set, a Go run per benchmark. */
    private static int steps(List<Jmh.Listed> plan, List<Jmh.Listed> listed, Counterparts cp, boolean go) {
        int n = 0;
        for (Jmh.Listed b : plan) {
            n += b.runs();
            String vt = cp.of(b.name()).virtualThreads();
            n += listed.stream().anyMatch(l -> l.name().equals(vt)) ? procs(b).size() : 0;
            n += go && cp.of(b.name()).go() != null ? 1 : 0;
        }
        return n;
    }

    private static String machine(double loadBefore, double loadAfter) {
        String cpu = "a processor";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: the OS name below still says what it was
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "%s, %d cores, %s %s; load average %.1f at the start and %.1f"
                + " at the end%s", cpu, cores, System.getProperty("os.name"), System.getProperty("os.arch"),
                loadBefore, loadAfter, Math.max(loadBefore, loadAfter) > cores
                        ? " (a busy machine: other work competed for the cores, so the figures are noisy)" : "");
    }

    private String versions(String goVersion) {
        return "JDK " + System.getProperty("java.vm.version") + ", JMH " + String.join(" ",
                quick ? QUICK : FULL) + (quick ? " (--quick)" : "") + "; Go: "
                + (goVersion == null ? "not run" : goVersion + ", go test -count " + (quick ? 3 : 6)
                + " -benchtime " + (quick ? "500ms" : "1s")) + ".";
    }

    /**
     * The progress line: which of the plan's steps is running, and where JMH is in it. On a
     * terminal it is rewritten in place; otherwise one line per step.
     */
    static final class Progress implements Consumer<String> {
        private final PrintWriter err;
        private final int total;
        private final boolean terminal = System.console() != null;
        private final long t0 = System.nanoTime();
        private int step;
        private String benchmark = "";
        private String params = "";
        private String phase = "";

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        @Override
        public void accept(String jmhLine) {
            if (jmhLine.startsWith("# Benchmark: ")) {
                benchmark = jmhLine.substring("# Benchmark: ".length()).replace(Jmh.PACKAGE, "");
                params = "";
            } else if (jmhLine.startsWith("# Parameters: ")) {
                params = " " + jmhLine.substring("# Parameters: ".length());
            } else if (jmhLine.startsWith("# Fork: ")) {
                step(benchmark + params);
            } else if (jmhLine.startsWith("# Warmup Iteration")) {
                phase = "warming up " + jmhLine.replaceAll("# Warmup Iteration\\s+(\\d+):.*", "$1");
                show();
            } else if (jmhLine.startsWith("Iteration ")) {
                phase = "measuring " + jmhLine.replaceAll("Iteration\\s+(\\d+):.*", "$1");
                show();
            }
        }

        void step(String what) {
            step++;
            benchmark = what;
            phase = "";
            if (!terminal) {
                err.printf("bench: [%d/%d] %s (%s)%n", Math.min(step, total), total, what, elapsed());
                err.flush();
            }
            show();
        }

        private void show() {
            if (terminal) {
                String line = String.format(Locale.ROOT, "bench: [%d/%d] %s%s (%s)", Math.min(step, total),
                        total, benchmark, phase.isEmpty() ? "" : ": " + phase, elapsed());
                err.print("\r" + line + " ".repeat(Math.max(0, 100 - line.length())));
                err.flush();
            }
        }

        void done() {
            if (terminal) {
                err.print("\r" + " ".repeat(110) + "\r");
            }
            err.printf("bench: %d steps in %s%n", total, elapsed());
            err.flush();
        }

        private String elapsed() {
            long s = (System.nanoTime() - t0) / 1_000_000_000L;
            return String.format(Locale.ROOT, "%d:%02d elapsed", s / 60, s % 60);
        }
    }
}
