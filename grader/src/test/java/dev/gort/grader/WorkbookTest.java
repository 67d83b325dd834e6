package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class WorkbookTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Workbook.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help"), is(0));
        assertThat(out.toString(), allOf(containsString("Usage: workbook"), containsString("demo"),
                containsString("test")));
    }

    @Test
    void noArgumentsShowsTheCommands() {
        assertThat(run(), is(0));
        assertThat(out.toString(), allOf(containsString("demo"), containsString("test")));
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertThat(run("--version"), is(0));
        assertThat(out.toString(), containsString("gort workbook 0."));
    }

    @Test
    void unknownFlagIsAUsageErrorWithStatus2() {
        assertThat(run("demo", "--prcos", "3"), is(2));
        assertThat(err.toString(), allOf(containsString("Unknown options: '--prcos'"),
                containsString("Possible solutions: --procs"),
                containsString("Run './workbook demo --help' for the options.")));
    }

    @Test
    void badProcsSaysWhatWasWrong() {
        assertThat(run("demo", "--procs", "0"), is(2));
        assertThat(err.toString(), containsString("--procs must be between 1 and 1024, got 0"));
    }

    @Test
    void testThroughJavaPointsToTheLauncher() {
        assertThat(run("test", "-o", "-Dx=1"), is(2));
        assertThat(err.toString(), containsString("./workbook test"));
    }

    @Test
    void blocksPrintsTheTableThatRunningThePrimitivesProduces() {
        assertThat(run("blocks"), is(0));
        assertThat(out.toString(), allOf(containsString("mutex    Y   Y   Y"),
                containsString("note     Y   Y   Y/N"), containsString("park     Y   N   N")));
    }
}
