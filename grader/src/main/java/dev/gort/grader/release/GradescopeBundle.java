package dev.gort.grader.release;

import java.nio.file.Path;
import java.util.List;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.StubGenerator;

/**
 * Writes Gradescope's autograder zip for one chapter.
 *
 * <p>Gradescope unpacks the zip into {@code /autograder/source}, runs {@code setup.sh} once to build
 * the image, and then {@code run_autograder} once per submission, with the student's files in
 * {@code /autograder/submission}; {@code run_autograder} must write
 * {@code /autograder/results/results.json}. Inside the zip:
 * <pre>
 * setup.sh, run_autograder    (see the files themselves)
 * gort/edition.properties     an instructor edition of one chapter
 * gort/lib/*.jar              the grader as this workbook runs it: the reference runtime, the CLI,
 *                             JUnit, picocli, Hamcrest; so grading needs no network and runs the
 *                             very grader the instructor tested
 * gort/chapters/NN-name/      manifest, ChapterNN.java, fresh stubs (graded in place of a file that
 *                             does not compile), visible tests
 * gort/solutions/NN-name/     the hidden suite's sources (the grader compiles its own copy)
 * </pre>
 */
public final class GradescopeBundle {
    /**
     * @param chapter    the chapter graded
     * @param classpath  the grader's classpath (folders of classes are packed into jars)
     * @param visibility Gradescope visibility of the hidden tests
     * @param version    the workbook's version
     * @param madeFrom   where it comes from (a commit)
     */
    public record Inputs(Chapter chapter, List<Path> classpath, String visibility, String version,
                         String madeFrom) {}

    private GradescopeBundle() {}

    /** Writes {@code zip}, laying the bundle out in {@code staging} first (which must be empty). */
    public static void write(Inputs in, Path staging, Path zip) {
        Chapter ch = in.chapter();
        String run = StudentEdition.resource("run_autograder").replace("@chapter@", ch.number())
                .replace("@visibility@", in.visibility());
        FileTree.write(staging.resolve("run_autograder"), run);
        FileTree.write(staging.resolve("setup.sh"), StudentEdition.resource("setup.sh"));
        staging.resolve("run_autograder").toFile().setExecutable(true, false);
        staging.resolve("setup.sh").toFile().setExecutable(true, false);

        Path gort = staging.resolve("gort");
        for (Path entry : in.classpath()) {
            String name = entry.getFileName().toString();
            if (name.endsWith(".jar")) {
                FileTree.copyFile(entry, gort.resolve("lib").resolve(name));
            } else {
                // A folder of classes (a module built in place) becomes a jar named after its module.
                FileTree.packClasses(entry, gort.resolve("lib").resolve("gort-" + moduleName(entry) + ".jar"));
            }
        }
        Path chDir = gort.resolve("chapters").resolve(ch.id());
        FileTree.copyFile(ch.dir().resolve(Chapter.MANIFEST), chDir.resolve(Chapter.MANIFEST));
        FileTree.copy(ch.mainSources(), chDir.resolve("src/main/java"), rel -> true);
        new StubGenerator(ch).generate(StubGenerator.Edition.STUBS)
                .forEach((rel, text) -> FileTree.write(chDir.resolve("src/main/java").resolve(rel), text));
        FileTree.copy(ch.visibleTests(), chDir.resolve("src/test/java"), rel -> true);
        FileTree.copy(ch.hiddenTests(), gort.resolve("solutions").resolve(ch.id()).resolve("src/test/java"),
                rel -> true);
        new Edition(Edition.Kind.INSTRUCTOR, in.version(), List.of(ch.id()), in.madeFrom()).write(gort);
        FileTree.zip(staging, zip);
    }

    /** {@code grader} for {@code .../grader/target/classes}. */
    private static String moduleName(Path classes) {
        Path p = classes.toAbsolutePath().normalize();
        for (Path q = p; q != null && q.getFileName() != null; q = q.getParent()) {
            if (q.getFileName().toString().equals("target") && q.getParent() != null) {
                return q.getParent().getFileName().toString();
            }
        }
        return p.getFileName().toString();
    }
}
