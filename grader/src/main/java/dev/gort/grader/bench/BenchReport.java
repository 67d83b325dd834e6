package dev.gort.grader.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The tables of one {@code ./workbook bench} run: per gort benchmark, a row per parameter set with
 * gort's figure and error, the JDK's virtual threads on the same work, Go's figure and the ratio
 * gort / Go. Rendered for the terminal, as Markdown and as AsciiDoc (the book includes the one
 * checked in under {@code bench/results/}).
 *
 * @param when the run's date and time, UTC
 * @param machine what it ran on (processor, cores, OS) and how busy it was
 * @param versions JDK, JMH settings, Go
 */
public record BenchReport(String when, String machine, String versions, List<Table> tables) {

    /** One gort benchmark's table. */
    public record Table(String benchmark, String what, String unit, List<Row> rows) {}

    /** One parameter set: gort's figure and its counterparts' (null when not measured). */
    public record Row(String params, Figure gort, Figure virtualThreads, Figure go) {
        /** gort's score over Go's (both times per operation), or NaN without Go's. */
        double ratio() {
            if (go == null || go.score() <= 0) {
                return Double.NaN;
            }
            return gort.score() / go.score();
        }
    }

    /** Builds the tables: one per gort benchmark, in the order given. */
    public static List<Table> tables(List<String> gortBenchmarks, Counterparts cp, List<Figure> all) {
        List<Table> tables = new ArrayList<>();
        for (String b : gortBenchmarks) {
            var c = cp.of(b);
            List<Row> rows = new ArrayList<>();
            String unit = "";
            for (Figure g : all) {
                if (!g.side().equals("gort") || !g.benchmark().equals(b)) {
                    continue;
                }
                unit = g.unit();
                rows.add(new Row(params(g), g, find(all, "virtual threads", c.virtualThreads(), g.procs()),
                        find(all, "Go", c.go(), g.procs())));
            }
            if (!rows.isEmpty()) {
                tables.add(new Table(b, c.what(), unit, rows));
            }
        }
        return tables;
    }

    /** "GOMAXPROCS 2, size=64"; a benchmark without a procs parameter fixes its own. */
    private static String params(Figure g) {
        String other = g.otherParams();
        if (!g.params().containsKey("procs")) {
            return other.isEmpty() ? "its own GOMAXPROCS" : other;
        }
        return "GOMAXPROCS " + g.procs() + (other.isEmpty() ? "" : ", " + other);
    }

    private static Figure find(List<Figure> all, String side, String name, String procs) {
        if (name == null) {
            return null;
        }
        return all.stream().filter(f -> f.side().equals(side) && f.benchmark().equals(name)
                && f.procs().equals(procs)).findFirst().orElse(null);
    }

    /** The tables as the terminal shows them. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (Table t : tables) {
            b.append('\n').append(t.benchmark()).append(t.what().isEmpty() ? "" : ": " + t.what())
                    .append(" (").append(t.unit()).append(")\n");
            b.append(String.format(Locale.ROOT, "  %-22s %18s %18s %18s %8s%n", "", "gort",
                    "virtual threads", "Go", "gort/Go"));
            for (Row r : t.rows()) {
                b.append(String.format(Locale.ROOT, "  %-22s %18s %18s %18s %8s%n", r.params(),
                        figure(r.gort()), figure(r.virtualThreads()), figure(r.go()), ratio(r)));
            }
        }
        return b.toString();
    }

    /** The run as Markdown: a heading line saying when and where, then a table per benchmark. */
    public String markdown() {
        StringBuilder b = new StringBuilder("# gort beside Go: `./workbook bench`\n\n");
        b.append(about()).append("\n\n");
        for (Table t : tables) {
            b.append("## ").append(title(t)).append("\n\n| | gort | virtual threads | Go | gort / Go |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            rows(b, t, " |\n");
            b.append('\n');
        }
        return b.toString();
    }

    /** The run as an AsciiDoc partial: the same tables, for the book's appendix. */
    public String asciidoc() {
        StringBuilder b = new StringBuilder("// Written by ./workbook bench --save; do not edit.\n");
        b.append(about()).append("\n\n");
        for (Table t : tables) {
            b.append('.').append(title(t)).append("\n[cols=\"3,2,2,2,1\",options=\"header\"]\n|===\n")
                    .append("| | gort | virtual threads | Go | gort / Go\n");
            rows(b, t, "\n");
            b.append("|===\n\n");
        }
        return b.toString();
    }

    private static String title(Table t) {
        return "`" + t.benchmark() + "`" + (t.what().isEmpty() ? "" : ": " + t.what()) + " (" + t.unit() + ")";
    }

    /** A table's rows as {@code | cell | cell ... end}: Markdown and AsciiDoc differ only in the end. */
    private static void rows(StringBuilder b, Table t, String end) {
        for (Row r : t.rows()) {
            b.append("| ").append(r.params()).append(" | ").append(figure(r.gort())).append(" | ")
                    .append(figure(r.virtualThreads())).append(" | ").append(figure(r.go()))
                    .append(" | ").append(ratio(r)).append(end);
        }
    }

    private String about() {
        return "Measured " + when + " on " + machine + ". " + versions + " Each figure is a mean"
                + " ± the half-width of its 99.9 % confidence interval (JMH's error; the same"
                + " computed for Go's runs); the ratio is gort's mean over Go's.";
    }

    static String figure(Figure f) {
        if (f == null) {
            return "–";
        }
        return Double.isNaN(f.error()) ? number(f.score()) : number(f.score()) + " ± " + number(f.error());
    }

    private static String ratio(Row r) {
        double x = r.ratio();
        return Double.isNaN(x) ? "–" : String.format(Locale.ROOT, "%.2f", x);
    }

    /** Three significant digits at most, thousands separated: 0.123, 12.3, 359, 28,100. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "?";
        }
        double a = Math.abs(x);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(x));
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", x);
    }

    /** Go's figures as entries in JMH's own JSON shape, so one file holds both. */
    public static Map<String, Object> jmhShaped(Figure go, String goVersion) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("score", go.score());
        metric.put("scoreError", Double.isNaN(go.error()) ? "NaN" : go.error());
        metric.put("scoreUnit", go.unit());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("benchmark", "go." + go.benchmark());
        e.put("mode", "avgt");
        e.put("threads", 1);
        e.put("forks", 1);
        e.put("jvm", null);
        e.put("measurementIterations", go.samples());
        e.put("params", Map.of("procs", go.procs()));
        e.put("primaryMetric", metric);
        e.put("go", Map.of("version", Objects.requireNonNullElse(goVersion, "?"), "GOMAXPROCS", go.procs()));
        return e;
    }
}
