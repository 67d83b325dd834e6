package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.engine.Classpath;
import dev.gort.grader.engine.Grader;
import dev.gort.grader.release.GradescopeBundle;
import dev.gort.grader.release.InstructorEdition;
import dev.gort.grader.release.LeakCheck;
import dev.gort.grader.release.StudentEdition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code workbook release}: the editions an instructor hands out, and Gradescope's autograder.
 *
 * <p>Users: an instructor preparing a course. Four forms:
 * <ul>
 *   <li>{@code release --out DIR [--chapters 01,03]}: the student edition ({@link StudentEdition}),
 *       then {@link LeakCheck} on it: exit 1 if anything of a solution or a hidden test got in;
 *   <li>{@code release --instructor --out DIR [--chapters ...]}: the instructor edition;
 *   <li>{@code release --gradescope --chapter 01 --out DIR}: {@code DIR/autograder.zip};
 *   <li>{@code release --check DIR}: only the leak check, on an edition made earlier (or edited).
 * </ul>
 * The student edition needs the built book and the compiled runtime: the book is built first when
 * it is missing or older than its sources ({@code ./workbook book}), the runtime is the one this CLI runs on (the launcher
 * rebuilds it when its sources change). {@code --out} must be a new or empty folder: a release
 * never writes over anything. Exit status 0, 1 if the release failed or leaks, 2 on a usage error.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Make the editions an instructor hands out.",
            "The student edition (stubs, visible tests, hints, experiments, the book, the runtime",
            "compiled; no solution, no hidden test), the instructor edition, or Gradescope's",
            "autograder zip."})
final class ReleaseCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "A new or empty folder to write into.")
    Path out;

    @Option(names = "--chapters", paramLabel = "NN", split = ",",
            description = "The chapters the edition holds (default: all), e.g. --chapters 01,03.")
    List<String> chapterArgs = new ArrayList<>();

    @Option(names = "--instructor", description = "Make the instructor edition (everything) instead.")
    boolean instructor;

    @Option(names = "--gradescope", description = "Make Gradescope's autograder zip for --chapter.")
    boolean gradescope;

    @Option(names = "--chapter", paramLabel = "NN", description = "With --gradescope: the chapter graded.")
    String gradescopeChapter;

    @Option(names = "--hidden-visibility", paramLabel = "V", defaultValue = "after_published",
            description = "With --gradescope: visibility of hidden tests (hidden, after_due_date,"
                    + " after_published (default), visible).")
    String hiddenVisibility;

    @Option(names = "--check", paramLabel = "DIR",
            description = "Only check the student edition in DIR: no solution text, no hidden test.")
    Path check;

    @Override
    public Integer call() throws Exception {
        Integer refused = Cli.needsInstructorEdition(spec, "making editions");
        if (refused != null) {
            return refused;
        }
        Chapters all = Chapters.current();
        PrintWriter w = spec.commandLine().getOut();
        if (check != null) {
            return leakCheck(all, check, w);
        }
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "--out DIR is required (or --check DIR)");
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || hasFiles(out))) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is not an empty folder;"
                    + " choose a new one (a release never writes over anything)");
        }
        String version = Workbook.version();
        String madeFrom = InstructorEdition.madeFrom(all.root());
        if (gradescope) {
            return gradescope(all, version, madeFrom, w);
        }
        List<Chapter> chosen = chosen(all);
        if (instructor) {
            InstructorEdition.write(all.root(), all.all(), chosen, version, madeFrom, out);
            w.println("Instructor edition (" + ids(chosen) + "): " + out.toAbsolutePath());
            w.println("  It grades (./workbook grade NN --submission ...), runs ./workbook selftest and makes"
                    + " student editions of its own.");
            return 0;
        }
        Path root = all.root();
        Path html = root.resolve("book/target/book/html");
        Path pdf = root.resolve("book/target/book/pdf/gort.pdf");
        // ./workbook book builds the book only when it is older than its sources.
        int built = spec.root().subcommands().get("book").execute();
        if (built != 0) {
            return Cli.exitOnProblem(spec.commandLine(), "the book did not build; the student edition"
                    + " needs it. Fix the book (./workbook book shows why) and rerun.");
        }
        Path runtime = codeOf(dev.gort.runtime.Gort.class);
        StudentEdition.write(new StudentEdition.Inputs(root, chosen, runtime, html, pdf, version, madeFrom), out);
        w.println("Student edition (" + ids(chosen) + "): " + out.toAbsolutePath());
        int leaks = leakCheck(all, out, w);
        if (leaks == 0) {
            w.println("  Hand it out as it is (for GitHub Classroom, push it as the assignment's template"
                    + " repository). ./workbook check works in it; grading stays with you.");
        }
        return leaks;
    }

    private int gradescope(Chapters all, String version, String madeFrom, PrintWriter w) throws IOException {
        if (gradescopeChapter == null) {
            throw new ParameterException(spec.commandLine(), "--gradescope needs --chapter NN: one"
                    + " Gradescope assignment grades one chapter");
        }
        if (!Set.of("hidden", "after_due_date", "after_published", "visible").contains(hiddenVisibility)) {
            throw new ParameterException(spec.commandLine(),
                    "--hidden-visibility must be hidden, after_due_date, after_published or visible");
        }
        Chapter ch = Cli.chapter(spec, gradescopeChapter);
        Files.createDirectories(out);
        Path staging = Files.createTempDirectory("gort-gradescope");
        Path zip = out.resolve("autograder.zip");
        try {
            GradescopeBundle.write(new GradescopeBundle.Inputs(ch, Classpath.grader(all.root()),
                    hiddenVisibility, version, madeFrom), staging, zip);
        } finally {
            Grader.deleteTree(staging);
        }
        w.printf("Gradescope autograder for chapter %s: %s (%d KB)%n", ch.id(), zip.toAbsolutePath(),
                Files.size(zip) / 1024);
        w.println("  Upload it under the assignment's Configure Autograder (Ubuntu base image); students"
                + " submit the chapter's files, e.g. " + ch.studentFiles().stream()
                        .map(p -> p.getFileName().toString()).toList() + ".");
        return 0;
    }

    private int leakCheck(Chapters all, Path edition, PrintWriter w) {
        LeakCheck lc = LeakCheck.of(all);
        List<String> leaks = lc.scan(edition);
        if (leaks.isEmpty()) {
            w.println("  Leak check passed (" + lc.armed() + " searched for in its sources, jars and book"
                    + (LeakCheck.canReadPdf() ? ", PDF included" : "; the PDF's text was not searched:"
                            + " install pdftotext (poppler-utils) for that") + ").");
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("workbook release: the edition in " + edition + " gives away " + leaks.size()
                + " thing(s) students must not see:");
        leaks.forEach(l -> err.println("  " + l));
        err.println("Do not hand it out. Remove what is listed (or fix what put it there) and run"
                + " ./workbook release --check " + edition + " again.");
        return 1;
    }

    private List<Chapter> chosen(Chapters all) {
        if (chapterArgs.isEmpty()) {
            return all.all();
        }
        List<Chapter> chosen = new ArrayList<>();
        for (String a : chapterArgs) {
            Chapter c = Cli.chapter(spec, a);
            if (!chosen.contains(c)) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    private static Path codeOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private static String ids(List<Chapter> chapters) {
        return String.join(", ", chapters.stream().map(Chapter::id).toList());
    }
}
