package dev.gort.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;

import dev.gort.grader.chapter.Chapters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The workbook command line: the entry point that {@code ./workbook} runs.
 *
 * <p>Users: a self-paced learner running demos and (later) checking chapters, an instructor grading
 * submissions, an experimenter. Each task is a subcommand class; this class only wires them and sets
 * picocli's conventions: {@code --help} on every command, a usage error prints what was wrong and
 * where the options are and exits with status 2, and a subcommand's own result is the exit status.
 *
 * <p>The launcher handles {@code ./workbook test} itself (it runs Maven), so {@link TestCommand}
 * exists here for the help text and to redirect anyone who reaches it through {@code java}.
 *
 * <p>A new command (release, book, trace) is a class shaped like {@link DemoCommand}, added to
 * {@code subcommands} below. The grading engine behind check, grade, replay and selftest is in
 * {@code dev.gort.grader.engine}; chapters and the stub generator in {@code dev.gort.grader.chapter}.
 */
@Command(
        name = "workbook",
        mixinStandardHelpOptions = true,
        versionProvider = Workbook.Version.class,
        description = "gort: the Go runtime, rebuilt in Java. A workbook.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {CheckCommand.class, GradeCommand.class, VerifyCommand.class, StatusCommand.class,
            HintCommand.class, ReplayCommand.class, StubsCommand.class, SelftestCommand.class,
            DemoCommand.class, BlocksCommand.class, BookCommand.class, SimCommand.class, BenchCommand.class,
            ReleaseCommand.class, TestCommand.class, HelpCommand.class},
        footer = {"", "Run './workbook COMMAND --help' for a command's options."})
public final class Workbook implements Runnable {

    @Spec CommandSpec spec;

    private Workbook() {}

    /** No command given: show the commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI and exits the JVM with the command's status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it instead of {@link #main}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Workbook()).setExecutionStrategy(Workbook::execute)
                .setParameterExceptionHandler(Workbook::usageError);
        LimitOptions.showChapterTimeouts(cli, Chapters.current().all());
        return cli;
    }

    /**
     * Runs what was parsed. Picocli lets unmatched words through when {@code --help} or
     * {@code --version} is among the arguments; here they are still an error, so that
     * {@code ./workbook frob --help} says that frob is no command instead of showing the help.
     */
    private static int execute(ParseResult parsed) {
        if (!parsed.unmatched().isEmpty()) {
            throw new UnmatchedArgumentException(parsed.commandSpec().commandLine(), parsed.unmatched());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** A wrong flag or value: say what, suggest a fix if picocli has one, point at the help. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (e instanceof UnmatchedArgumentException u && cmd.getParent() == null
                && !u.getUnmatched().getFirst().startsWith("-")) {
            err.println("workbook: unknown command '" + u.getUnmatched().getFirst() + "'.");
            err.println("The commands are: " + String.join(", ", cmd.getSubcommands().keySet()) + ".");
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run './workbook --help' for what each one does.");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        }
        err.println("workbook: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run './" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The project version that the build writes into {@code version.properties}. */
    static String version() {
        var props = new Properties();
        try (InputStream in = Workbook.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version", "(unknown version)");
    }

    /** The version line of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gort workbook " + version()};
        }
    }
}
