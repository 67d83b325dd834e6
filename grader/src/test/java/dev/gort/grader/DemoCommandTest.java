package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class DemoCommandTest {

    @Test
    void smallDemoPrintsTheSummaryAndWritesTheTrace(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.json");
        var out = new StringWriter();
        CommandLine cli = Workbook.commandLine();
        cli.setOut(new PrintWriter(out, true));

        int status = cli.execute("demo", "-p", "2", "--goroutines", "500", "--laps", "2",
                "--syscallers", "2", "--trace", trace.toString());

        assertThat(out.toString(), status, is(0));
        assertThat(out.toString(), allOf(containsString("token ring:  1,000 hand-offs"),
                containsString("Gs reused:"), containsString("Ms started:"),
                containsString(trace.toAbsolutePath().toString()),
                containsString("open it at https://ui.perfetto.dev")));
        assertThat(Files.size(trace), greaterThan(0L));
    }
}
