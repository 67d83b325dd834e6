package dev.gort.grader.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each gort benchmark is compared with, from {@code bench/counterparts.properties}:
 * {@code PingPong.roundTrip = what it measures | VirtualThreads.pingPong | BenchmarkPingPong}.
 * A gort benchmark without a line is still run and shown, without counterparts.
 */
public final class Counterparts {
    /** The counterparts of one gort benchmark; null (or empty) parts have none. */
    public record Counterpart(String gort, String what, String virtualThreads, String go) {}

    private final Map<String, Counterpart> byGort;

    private Counterparts(Map<String, Counterpart> byGort) {
        this.byGort = byGort;
    }

    /** Reads {@code file} (lines {@code gort = what | virtual threads | Go}, # comments), in order. */
    public static Counterparts load(Path file) {
        Map<String, Counterpart> m = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : lines) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String[] parts = line.substring(eq + 1).split("\\|", -1);
            if (eq < 0 || parts.length != 3) {
                throw new IllegalArgumentException(file + ": '" + line + "': expected 'Class.method ="
                        + " what it measures | VirtualThreads.method | BenchmarkGoName' (leave a part"
                        + " empty when there is none)");
            }
            String gort = line.substring(0, eq).strip();
            m.put(gort, new Counterpart(gort, parts[0].strip(), blankToNull(parts[1]), blankToNull(parts[2])));
        }
        return new Counterparts(m);
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    /** The counterparts of {@code gort} (a JMH short name); one with none if it has no line. */
    public Counterpart of(String gort) {
        return byGort.getOrDefault(gort, new Counterpart(gort, "", null, null));
    }

    /** {@code names} with the ones this file lists first, in its order; the others after them. */
    public List<String> inOrder(List<String> names) {
        List<String> order = List.copyOf(byGort.keySet());
        return names.stream().sorted(Comparator.comparingInt(
                n -> order.contains(n) ? order.indexOf(n) : order.size())).toList();
    }

    /** Whether {@code benchmark} is some gort benchmark's virtual-thread counterpart. */
    public boolean isCounterpart(String benchmark) {
        return byGort.values().stream().anyMatch(c -> benchmark.equals(c.virtualThreads()));
    }
}
