package dev.gort.grader.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gort.grader.report.JsonParser;

/**
 * Runs gort's JMH suite ({@code bench/target/benchmarks.jar}) in a child JVM: lists its
 * benchmarks with their parameters, runs some of them with given settings, and reads the results
 * from JMH's own JSON. JMH's console output goes to a log; each line is also handed to a listener
 * that turns it into the progress line.
 */
public final class Jmh {
    /** The package every gort benchmark lives in; names are shown without it. */
    public static final String PACKAGE = "dev.gort.bench.";

    /** A benchmark and the values of each of its parameters. */
    public record Listed(String name, Map<String, List<String>> params) {
        /** How many (parameter combination) runs JMH makes of it. */
        public int runs() {
            return params.values().stream().mapToInt(List::size).reduce(1, (a, b) -> a * b);
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\s+param \"(\\w+)\" = \\{(.*)}");

    private final Path java;
    private final Path jar;
    private final PrintWriter log;

    public Jmh(Path java, Path jar, PrintWriter log) {
        this.java = java;
        this.jar = jar;
        this.log = log;
    }

    /** The suite's benchmarks ({@code -lp}), in JMH's order, by short name. */
    public List<Listed> list() throws IOException, InterruptedException {
        List<Listed> all = new ArrayList<>();
        Listed current = null;
        for (String line : run(List.of("-lp"), l -> { })) {
            Matcher m = PARAM.matcher(line);
            if (line.startsWith(PACKAGE)) {
                current = new Listed(line.strip().substring(PACKAGE.length()), new LinkedHashMap<>());
                all.add(current);
            } else if (current != null && m.matches()) {
                current.params().put(m.group(1), List.of(m.group(2).split(",\\s*")));
            }
        }
        return all;
    }

    /**
     * Runs the benchmarks named (short names, each matched exactly) with {@code settings} (JMH's
     * -f, -wi, -i, -w, -r ...), writing JMH's JSON to {@code json}. Returns JMH's result entries.
     */
    public List<Map<String, Object>> run(List<String> benchmarks, List<String> settings, Path json,
            Consumer<String> progress) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String b : benchmarks) {
            args.add("^" + Pattern.quote(PACKAGE + b) + "$");
        }
        args.addAll(settings);
        args.addAll(List.of("-rf", "json", "-rff", json.toString()));
        run(args, progress);
        return entries(json);
    }

    /** The entries of a JMH JSON result file. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> entries(Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            return List.of();
        }
        Object parsed = JsonParser.parse(Files.readString(json));
        return (List<Map<String, Object>>) parsed;
    }

    /** One JMH entry as a figure of {@code side}. */
    @SuppressWarnings("unchecked")
    public static Figure figure(String side, Map<String, Object> entry) {
        Map<String, Object> metric = (Map<String, Object>) entry.get("primaryMetric");
        Map<String, String> params = new LinkedHashMap<>();
        ((Map<String, Object>) entry.getOrDefault("params", Map.of()))
                .forEach((k, v) -> params.put(k, String.valueOf(v)));
        int samples = ((List<?>) metric.getOrDefault("rawData", List.of())).stream()
                .mapToInt(fork -> ((List<?>) fork).size()).sum();
        String name = (String) entry.get("benchmark");
        return new Figure(side, name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name,
                params, number(metric.get("score")), number(metric.get("scoreError")),
                (String) metric.get("scoreUnit"), samples);
    }

    private static double number(Object o) {
        return o instanceof Double d ? d : Double.NaN; // JMH writes "NaN" as a string
    }

    private List<String> run(List<String> args, Consumer<String> progress)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
        cmd.addAll(args);
        log.println("$ " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                log.println(line);
                progress.accept(line);
            }
        }
        log.flush();
        int status = p.waitFor();
        if (status != 0) {
            throw new UncheckedIOException(new IOException("JMH exited with status " + status
                    + "; its output is in the log. Last line: "
                    + (lines.isEmpty() ? "(none)" : lines.getLast())));
        }
        return lines;
    }
}
