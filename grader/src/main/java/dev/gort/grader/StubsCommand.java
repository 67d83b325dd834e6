package dev.gort.grader;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.chapter.StubGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook stubs [--check] [CHAPTER...]}: generate each chapter's stubs from the reference's
 * solution regions ({@link StubGenerator}).
 *
 * <p>Without {@code --check} it writes the stubs, but never over a file that someone edited since
 * it was generated (its recorded hash no longer matches) unless {@code --force}: a learner who runs
 * it by mistake keeps their work. With {@code --check} it writes nothing and exits 1 if a committed
 * stub differs from what the generator makes now: CI's guard against stale stubs.
 */
@Command(name = "stubs", mixinStandardHelpOptions = true,
        description = {"Generate the chapters' stubs from the reference's solution regions.",
            "--check: change nothing, exit 1 if a stub is stale (for CI)."})
final class StubsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CHAPTER", arity = "0..*", description = "Chapters (default: all).")
    List<String> chapterArgs = new ArrayList<>();

    @Option(names = "--check", description = "Only check that the committed stubs are up to date.")
    boolean check;

    @Option(names = "--force", description = "Overwrite stubs even if they were edited.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Integer refused = Cli.needsInstructorEdition(spec, "generating stubs (from the reference sources)");
        if (refused != null) {
            return refused;
        }
        Chapters all = Chapters.current();
        List<Chapter> chapters = new ArrayList<>();
        for (String a : chapterArgs) {
            chapters.add(Cli.chapter(spec, a));
        }
        if (chapters.isEmpty()) {
            chapters.addAll(all.all());
        }
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int stale = 0;
        int kept = 0;
        for (Chapter ch : chapters) {
            if (ch.stubSources().isEmpty()) {
                continue;
            }
            Map<Path, String> files;
            try {
                files = new StubGenerator(ch).generate(StubGenerator.Edition.STUBS);
            } catch (RuntimeException e) {
                err.println("workbook: chapter " + ch.id() + ": " + e.getMessage());
                return 1;
            }
            for (var e : files.entrySet()) {
                Path f = ch.mainSources().resolve(e.getKey());
                Path shown = all.root().relativize(f.toAbsolutePath().normalize());
                String now = Files.isRegularFile(f) ? Files.readString(f) : null;
                if (e.getValue().equals(now)) {
                    continue;
                }
                if (check) {
                    stale++;
                    err.println("stale: " + shown + (now == null ? " (missing)" : ""));
                } else if (now != null && !force && !StubGenerator.untouched(now)) {
                    kept++;
                    err.println("kept:  " + shown + " (edited since it was generated; --force overwrites it)");
                } else {
                    Files.createDirectories(f.getParent());
                    Files.writeString(f, e.getValue());
                    w.println("wrote: " + shown);
                }
            }
        }
        if (check) {
            if (stale > 0) {
                err.println(stale + " stub(s) out of date with the reference: run ./workbook stubs and commit them.");
                return 1;
            }
            w.println("stubs up to date.");
        }
        return kept > 0 ? 1 : 0;
    }
}
