package dev.gort.grader.bench;

import java.util.Map;

/**
 * One measured figure: a benchmark at one set of parameters, its score and error (the half-width
 * of a 99.9 % confidence interval, as JMH reports it; NaN when there were too few samples).
 *
 * @param side "gort", "virtual threads" or "Go"
 * @param benchmark JMH's short name ({@code PingPong.roundTrip}) or Go's ({@code BenchmarkPingPong})
 * @param params JMH's parameters; for Go, {@code procs} is GOMAXPROCS
 */
public record Figure(String side, String benchmark, Map<String, String> params, double score,
        double error, String unit, int samples) {

    /** GOMAXPROCS (or the virtual-thread scheduler's parallelism) of this figure: 1 if unset. */
    public String procs() {
        return params.getOrDefault("procs", "1");
    }

    /** The parameters other than procs, as {@code name=value, ...}; empty if none. */
    public String otherParams() {
        return params.entrySet().stream().filter(e -> !e.getKey().equals("procs"))
                .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
