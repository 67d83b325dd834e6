package dev.gort.grader;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code workbook test}: build everything and run every test suite.
 *
 * <p>The launcher runs this command itself, as {@code mvn -B verify [MAVEN_ARG...]} under JDK 25,
 * before it builds or starts the CLI: the tests must not depend on a CLI that the tests are about to
 * rebuild. This class documents the command in {@code --help}; reached through {@code java}, it says
 * to use the launcher and exits with status 2.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Build everything and run every test suite (mvn -B verify under JDK 25).",
            "Extra arguments go to Maven, e.g. ./workbook test -o (offline).",
            "Exits with Maven's status."},
        customSynopsis = "workbook test [MAVEN_ARG...]")
final class TestCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Unmatched List<String> mavenArgs; // accepted so that Maven flags reach the message below

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(
                "workbook test runs Maven, so the launcher handles it: run ./workbook test"
                        + " from the gort directory (or cd there and run mvn -B verify with JDK 25).");
        return 2;
    }
}
