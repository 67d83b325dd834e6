package dev.gort.grader.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.gort.grader.report.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From JMH's JSON and go test's output to the tables that ./workbook bench prints and saves. */
class BenchReportTest {
    /** One entry as JMH 1.37 writes it with -rf json (trimmed to the fields read). */
    private static String jmhEntry(String benchmark, String procs, double score, String error) {
        return """
                {"benchmark": "dev.gort.bench.%s", "mode": "avgt", "forks": 1,
                 "params": {"procs": "%s"},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "ns/op",
                                   "rawData": [[1.0, 2.0, 3.0]]}}""".formatted(benchmark, procs, score, error);
    }

    private static final List<String> GO_OUTPUT = List.of(
            "goos: linux", "goarch: amd64", "pkg: gort.dev/bench",
            "BenchmarkPingPong      \t 3000000\t       270.0 ns/op",
            "BenchmarkPingPong      \t 3000000\t       280.0 ns/op",
            "BenchmarkPingPong      \t 3000000\t       290.0 ns/op",
            "BenchmarkPingPong-2    \t 2000000\t       400.5 ns/op",
            "BenchmarkGosched-2     \t 9000000\t       150.0 ns/op",
            "PASS");

    @Test
    void goOutputGivesOneFigurePerGomaxprocsWithItsError() {
        List<Figure> f = GoBench.figures("BenchmarkPingPong", GO_OUTPUT);
        assertThat(f.size(), is(2));
        assertThat(f.get(0).procs(), is("1"));
        assertThat(f.get(0).score(), closeTo(280.0, 1e-9));
        // sd 10 over 3 runs, t(0.9995, 2) = 31.599: 31.599 * 10 / sqrt(3)
        assertThat(f.get(0).error(), closeTo(182.44, 0.01));
        assertThat(f.get(1).procs(), is("2"));
        assertThat(Double.isNaN(f.get(1).error()), is(true)); // one run: no interval
    }

    @Test
    void aTableRowHoldsGortVirtualThreadsGoAndTheRatio(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("jmh.json");
        Files.writeString(json, "[" + jmhEntry("PingPong.roundTrip", "1", 350.0, "20.0") + ","
                + jmhEntry("VirtualThreads.pingPong", "1", 1200.0, "\"NaN\"") + "]");
        var cp = counterparts(dir);
        List<Figure> all = new java.util.ArrayList<>();
        for (Map<String, Object> e : Jmh.entries(json)) {
            Figure f = Jmh.figure("gort", e);
            all.add(f.benchmark().startsWith("VirtualThreads") ? Jmh.figure("virtual threads", e) : f);
        }
        all.addAll(GoBench.figures("BenchmarkPingPong", GO_OUTPUT));
        var report = new BenchReport("2026-11-29 17:00 UTC", "a test machine", "JDK 25.", 
                BenchReport.tables(List.of("PingPong.roundTrip"), cp, all));

        assertThat(report.markdown(), containsString(
                "| GOMAXPROCS 1 | 350 ± 20.0 | 1,200 | 280 ± 182 | 1.25 |"));
        assertThat(report.markdown(), containsString("## `PingPong.roundTrip`: park/ready ping-pong (ns/op)"));
        assertThat(report.markdown(), containsString("Measured 2026-11-29 17:00 UTC on a test machine."));
        assertThat(report.asciidoc(), containsString("| GOMAXPROCS 1 | 350 ± 20.0 | 1,200 | 280 ± 182 | 1.25\n"));
        assertThat(report.asciidoc(), containsString("|===\n"));
        assertThat(report.text(), containsString("1.25"));
        assertThat(all.getFirst().samples(), is(3));
    }

    @Test
    void goFiguresJoinJmhsJsonInJmhsShape() {
        Figure go = GoBench.figures("BenchmarkPingPong", GO_OUTPUT).getFirst();
        String written = dev.gort.grader.report.Json.write(List.of(BenchReport.jmhShaped(go, "go1.19.8")));
        @SuppressWarnings("unchecked")
        Map<String, Object> back = ((List<Map<String, Object>>) JsonParser.parse(written)).getFirst();
        Figure again = Jmh.figure("Go", back);
        assertThat(again.benchmark(), is("go.BenchmarkPingPong"));
        assertThat(again.score(), closeTo(280.0, 1e-9));
        assertThat(again.procs(), is("1"));
        assertThat(written, containsString("\"version\": \"go1.19.8\""));
    }

    @Test
    void aBenchmarkWithoutCounterpartsIsShownWithDashes(@TempDir Path dir) throws IOException {
        Figure sim = new Figure("gort", "SimExploration.mutexScenario", Map.of(), 1051, 258, "ops/s", 6);
        var report = new BenchReport("now", "here", "", BenchReport.tables(
                List.of("SimExploration.mutexScenario"), counterparts(dir), List.of(sim)));
        assertThat(report.markdown(), containsString("| its own GOMAXPROCS | 1,051 ± 258 | – | – | – |"));
        assertThat(report.markdown(), not(containsString("NaN")));
    }

    private static Counterparts counterparts(Path dir) throws IOException {
        Path f = dir.resolve("counterparts.properties");
        Files.writeString(f, "PingPong.roundTrip = park/ready ping-pong | VirtualThreads.pingPong | BenchmarkPingPong\n");
        return Counterparts.load(f);
    }
}
