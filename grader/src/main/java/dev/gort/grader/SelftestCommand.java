package dev.gort.grader;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.engine.SelfTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook selftest [CHAPTER...]}: the grader's proof for each chapter (see {@link SelfTest}):
 * stubs up to date, the reference scores 100 %, the untouched stubs 0, manifest and tests agree.
 * Exit status 1 if anything is off. CI runs it through {@code mvn verify}.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Prove that each chapter can be graded.",
            "Checks that the stubs are fresh, the reference scores 100 %%, the stubs score 0,",
            "and the manifest, solution regions and tests agree."})
final class SelftestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CHAPTER", arity = "0..*") List<String> chapterArgs = new ArrayList<>();

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
            SelfTest.Report r = SelfTest.run(ch, limits.limits(), Cli.target(ch, "selftest"));
            w.print(r.summary());
            w.flush();
            ok &= r.ok();
        }
        return ok ? 0 : 1;
    }
}
