package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.engine.SelfTest;
import dev.gort.grader.mutant.Mutant;
import dev.gort.grader.mutant.MutationScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook selftest [CHAPTER...]}: the grader's proof for each chapter (see {@link SelfTest}):
 * stubs up to date, the reference scores 100 %, the untouched stubs 0, manifest and tests agree.
 * With {@code --mutants}: the share of operator mutants of each exercise that its tests kill (see
 * {@link MutationScore}), against the floors in the chapter's manifest. Exit status 1 if anything
 * is off. CI runs both through {@code mvn verify} (the mutants as a sample).
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Prove that each chapter can be graded.",
            "Checks that the stubs are fresh, the reference scores 100 %%, the stubs score 0,",
            "and the manifest, solution regions and tests agree."})
final class SelftestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CHAPTER", arity = "0..*") List<String> chapterArgs = new ArrayList<>();

    @Option(names = "--mutants", description = {"Grade operator mutants of the solution regions and print",
        "each exercise's kill rate with the survivors; fail below the manifest's floors."})
    boolean mutants;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0",
            description = "With --mutants: grade only N mutants per exercise, the same every run (0: all).")
    int sample;

    @Option(names = "--exercise", paramLabel = "ID", description = "With --mutants: only this exercise's mutants (repeatable).")
    List<String> exercises = new ArrayList<>();

    @Option(names = "--mutant", paramLabel = "KEY", description = {"With --mutants: only the mutant KEY (repeatable;",
        "the keys are those that --list and the survivors' lines print)."})
    List<String> keys = new ArrayList<>();

    @Option(names = "--list", description = "With --mutants: list the mutants (key, place, change) without grading them.")
    boolean list;

    @Option(names = "--write", paramLabel = "KEY", description = {"With --mutants: write mutant KEY as a submission",
        "into --out DIR (to grade it, or read what a survivor looks like)."})
    String write;

    @Option(names = "--out", paramLabel = "DIR", description = "Where --write puts the mutant's files.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "With --mutants: grade N mutants at a time (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Mixin LimitOptions limits;

    @Override
    public Integer call() {
        Integer refused = Cli.needsInstructorEdition(spec, "the self-test (reference and hidden suites)");
        if (refused != null) {
            return refused;
        }
        List<Chapter> chapters = new ArrayList<>();
        chapterArgs.forEach(a -> chapters.add(Cli.chapter(spec, a)));
        if (chapters.isEmpty()) {
            chapters.addAll(Chapters.current().all());
        }
        PrintWriter w = spec.commandLine().getOut();
        boolean ok = true;
        for (Chapter ch : chapters) {
            if (mutants && write != null) {
                Map<Path, String> files = MutationScore.edition(ch, write);
                if (files == null) {
                    continue;
                }
                if (out == null) {
                    throw new ParameterException(spec.commandLine(), "--write needs --out DIR: where to put the files");
                }
                files.forEach((rel, text) -> writeFile(out.resolve(rel), text));
                w.println("wrote mutant " + write + " of chapter " + ch.id() + " into " + out
                        + "; grade it with ./workbook grade " + ch.number() + " -s " + out);
                return 0;
            }
            if (mutants && list) {
                MutationScore.mutants(ch).stream().filter(this::wanted).forEach(m -> w.println(m.exercise() + " " + m.key() + "  " + m.describe()));
                continue;
            }
            if (mutants) {
                MutationScore.Report m = MutationScore.run(ch, limits.limits(), Cli.target(ch, "mutants"),
                        sample, jobs, this::wanted, w);
                w.print(m.summary());
                w.flush();
                ok &= m.ok();
                continue;
            }
            SelfTest.Report r = SelfTest.run(ch, limits.limits(), Cli.target(ch, "selftest"));
            w.print(r.summary());
            w.flush();
            ok &= r.ok();
        }
        if (mutants && write != null) {
            w.println("no mutant " + write + " in " + chapters.stream().map(Chapter::id).toList()
                    + ": the keys are those that --list and the survivors' lines print");
            return 2;
        }
        return ok ? 0 : 1;
    }

    /** Whether --exercise and --mutant (when given) ask for this mutant. */
    private boolean wanted(Mutant m) {
        return (exercises.isEmpty() || exercises.contains(m.exercise())) && (keys.isEmpty() || keys.contains(m.key()));
    }

    private static void writeFile(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
