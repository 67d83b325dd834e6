package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.gort.grader.report.Signature;
import dev.gort.grader.report.Signature.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook verify DIR --key KEYFILE}: checks the signatures that {@code grade --sign} put
 * on every results.json and gradebook.csv under DIR, and names each file that was changed since
 * (or never signed).
 *
 * <p>User: an instructor, before trusting marks that travelled (through a TA, an LMS export, a
 * student's hands). Exit status 0 when every file is signed and intact, 1 when one is not, 2 for a
 * usage error (no such folder, no readable key, nothing to check).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the signatures grade --sign put on results.json and gradebook.csv files."})
final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A grade --out folder (searched recursively).")
    Path dir;

    @Option(names = "--key", paramLabel = "KEYFILE", required = true,
            description = "The key given to grade --sign.")
    Path keyFile;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), dir + ": not a directory");
        }
        byte[] key;
        try {
            key = Signature.key(keyFile);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--key: " + e.getMessage());
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> !p.toString().contains("/.gort-batch/"))
                    .filter(p -> p.getFileName().toString().equals("results.json")
                            || p.getFileName().toString().equals("gradebook.csv"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    dir + " holds no results.json or gradebook.csv to check");
        }
        PrintWriter w = spec.commandLine().getOut();
        int bad = 0;
        for (Path f : files) {
            Verdict v = f.getFileName().toString().equals("results.json")
                    ? Signature.verifyResults(f, key) : Signature.verifyFile(f, key);
            if (v != Verdict.OK) {
                bad++;
            }
            w.printf("  %-8s %s%n", switch (v) {
                case OK -> "ok";
                case TAMPERED -> "CHANGED";
                case UNSIGNED -> "UNSIGNED";
            }, dir.relativize(f));
        }
        w.printf("%d file%s checked: %s%n", files.size(), files.size() == 1 ? "" : "s",
                bad == 0 ? "all signed and unchanged" : bad + " changed or unsigned (or signed with"
                        + " another key): do not trust those marks");
        return bad == 0 ? 0 : 1;
    }
}
