package dev.gort.grader.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go side: the benchmarks in {@code bench/go} (Go's testing package), built once into a test
 * binary with the {@code go} on the PATH and run one benchmark at a time, so that each runs right
 * after its gort counterpart. GOMAXPROCS comes from {@code -test.cpu}.
 */
public final class GoBench {
    /** How to get a Go toolchain, for the message when there is none. */
    public static final String INSTALL = "Debian/Ubuntu: sudo apt-get install golang-go;"
            + " Fedora: sudo dnf install golang; macOS: brew install go; or https://go.dev/dl";

    private static final Pattern RESULT = Pattern.compile(
            "^(Benchmark\\w+)(?:-(\\d+))?\\s+\\d+\\s+([0-9.]+) ns/op.*");

    private final Path binary;
    private final PrintWriter log;

    private GoBench(Path binary, PrintWriter log) {
        this.binary = binary;
        this.log = log;
    }

    /** {@code go version}'s version ("go1.19.8"), or null when there is no go on the PATH. */
    public static String version() {
        try {
            List<String> out = run(List.of("go", "version"), null, null);
            Matcher m = Pattern.compile("\\bgo version (\\S+)").matcher(String.join("\n", out));
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null; // not on the PATH
        }
    }

    /** Compiles the benchmarks in {@code dir} into {@code binary} ({@code go test -c}). */
    public static GoBench build(Path dir, Path binary, PrintWriter log) throws IOException {
        run(List.of("go", "test", "-c", "-o", binary.toString(), "."), dir, log);
        return new GoBench(binary, log);
    }

    /**
     * Runs {@code name} {@code count} times at each GOMAXPROCS in {@code procs} for about
     * {@code benchtime} each; one figure per GOMAXPROCS (mean, and a 99.9 % interval's half-width).
     */
    public List<Figure> run(String name, List<String> procs, int count, String benchtime)
            throws IOException {
        List<String> out = run(List.of(binary.toString(), "-test.run", "^$", "-test.bench",
                "^" + name + "$", "-test.cpu", String.join(",", procs), "-test.count",
                Integer.toString(count), "-test.benchtime", benchtime), binary.getParent(), log);
        return figures(name, out);
    }

    /** The figures in {@code go test -bench} output for {@code name}: one per GOMAXPROCS. */
    static List<Figure> figures(String name, List<String> output) {
        Map<String, List<Double>> byProcs = new TreeMap<>();
        for (String line : output) {
            Matcher m = RESULT.matcher(line);
            if (m.matches() && m.group(1).equals(name)) {
                String p = m.group(2) == null ? "1" : m.group(2);
                byProcs.computeIfAbsent(p, k -> new ArrayList<>()).add(Double.parseDouble(m.group(3)));
            }
        }
        List<Figure> figures = new ArrayList<>();
        byProcs.forEach((p, samples) -> figures.add(new Figure("Go", name,
                new LinkedHashMap<>(Map.of("procs", p)), Stats.mean(samples), Stats.error999(samples),
                "ns/op", samples.size())));
        return figures;
    }

    private static List<String> run(List<String> cmd, Path dir, PrintWriter log) throws IOException {
        if (log != null) {
            log.println("$ " + String.join(" ", cmd));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                if (log != null) {
                    log.println(line);
                }
            }
        }
        int status;
        try {
            status = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (status != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with status " + status + ": "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
        }
        return lines;
    }
}
