package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void everyHelpRendersWithoutPicocliWarnings() {
        var warnings = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // picocli's tracer
        try {
            for (CommandLine c : allCommands(Workbook.commandLine())) {
                c.usage(new PrintWriter(new StringWriter()));
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8), is(""));
    }

    @Test
    void everyCommandIsListedWithAWholeSentence() {
        for (CommandLine c : allCommands(Workbook.commandLine())) {
            String[] description = c.getCommandSpec().usageMessage().description();
            assertThat(c.getCommandName() + " has a description", description.length > 0, is(true));
            assertThat("the line './workbook --help' lists for " + c.getCommandName(), description[0],
                    matchesPattern(".*[.!?]"));
        }
    }

    private static List<CommandLine> allCommands(CommandLine top) {
        List<CommandLine> all = new ArrayList<>(List.of(top));
        for (CommandLine sub : top.getSubcommands().values()) {
            all.addAll(allCommands(sub));
        }
        return all;
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
    void anUnknownCommandIsAnErrorListingTheCommandsWhateverFollows() {
        for (String[] args : List.of(new String[] {"frob"}, new String[] {"frob", "--help"},
                new String[] {"frob", "-V"}, new String[] {"frob", "--whatever", "x"},
                new String[] {"--help", "frob"})) {
            err.getBuffer().setLength(0);
            out.getBuffer().setLength(0);
            assertThat(String.join(" ", args), run(args), is(2));
            assertThat(err.toString(), allOf(containsString("unknown command 'frob'"),
                    containsString("The commands are: check, grade, "),
                    containsString("Run './workbook --help' for what each one does.")));
            assertThat(out.toString(), is(""));
        }
    }

    @Test
    void testTimeoutHelpShowsTheChaptersOwnLimit(@TempDir Path dir) {
        Path root = Toy.root(dir);
        assertThat(Toy.cli(root, "grade", "--help").out().replaceAll("\\s+", " "),
                containsString("2 s, the test.timeout of every chapter"));
        Toy.write(root.resolve("chapters/07-other/chapter.properties"),
                "number = 07\nname = other\npackage = dev.gort.chapters.other\ntest.timeout = 7.5\n");
        String help = Toy.cli(root, "check", "--help").out().replaceAll("\\s+", " ");
        assertThat(help, containsString("(default: chapter 00: 2 s; chapter 07: 7.5 s)"));
    }

    @Test
    void badProcsSaysWhatWasWrong() {
        assertThat(run("demo", "--procs", "0"), is(2));
        assertThat(err.toString(), containsString("--procs must be at least 1, got 0"));
    }

    @Test
    void testThroughJavaPointsToTheLauncher() {
        assertThat(run("test", "-o", "-Dx=1"), is(2));
        assertThat(err.toString(), containsString("./workbook test"));
    }

    @Test
    void replayRunsOneSeedOfAHiddenTestOnTheReferenceOrAMutantAndKeepsTheTraces() {
        String test = "SyscallsHiddenTest#aBlockingCallLeavesItsPAtOnceAndEveryCallRestoresTheM";
        assertThat(run("replay", "01", "--reference", "--seed", "1", test), is(0));
        assertThat(out.toString(), allOf(containsString("with seed 1: passed"),
                containsString("Execution traces of the runs"), not(containsString("could not write"))));
        out.getBuffer().setLength(0);
        // the mutant that forgets to hand the P off in entersyscallblock: its M stops holding the P
        assertThat(run("replay", "01", "--mutant", "entersyscallblock-a0a9b1", "--seed", "1", test), is(1));
        assertThat(out.toString(), allOf(containsString("with seed 1: failed"),
                containsString("fatal error: stopm holding p")));
        assertThat(run("replay", "01", "--mutant", "no-such-key", "--seed", "1", test), is(2));
    }

    @Test
    void blocksPrintsTheTableThatRunningThePrimitivesProduces() {
        assertThat(run("blocks"), is(0));
        assertThat(out.toString(), allOf(containsString("mutex    Y   Y   Y"),
                containsString("note     Y   Y   Y/N"), containsString("park     Y   N   N")));
    }
}
