package dev.gort.grader.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gort.grader.engine.Grader;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.StubGenerator;

/**
 * Writes the student edition of the workbook: what an instructor hands out.
 *
 * <p>Layout of the edition (a Maven reactor, like the checkout, so that IDEs and {@code ./workbook}
 * work the same way):
 * <pre>
 * README.md, edition.properties, .gitignore, workbook, jbang
 * pom.xml                   the checkout's parent POM with the edition's modules
 * runtime/gort-runtime.jar  the reference runtime, compiled: every class, no source; its pom.xml
 *                           unpacks it into target/classes so that it is a module like any other
 * grader/                   the workbook CLI's sources (it holds no solution and no hidden test)
 * chapters/NN-name/         freshly generated stubs, ChapterNN.java, visible tests, hints
 *                           (chapter.properties), experiments, README
 * book/html/, book/gort.pdf the book
 * .github/workflows/classroom.yml   GitHub Classroom autograding on every push
 * </pre>
 * Left out: {@code solutions/} (the hidden suites), the reference sources with their solution
 * regions (the stub generator's inputs), the book's sources (they include runtime sources), the
 * benchmarks, the grader's tests. {@link LeakCheck} proves it afterwards.
 */
public final class StudentEdition {
    /**
     * What an edition is made of.
     *
     * @param root        the checkout
     * @param chapters    the chapters it holds
     * @param runtimeCode the compiled reference runtime (a folder of classes or a jar)
     * @param bookHtml    the built book's HTML folder (index.html and its images)
     * @param bookPdf     the built book's PDF
     * @param version     the workbook's version
     * @param madeFrom    where it comes from (a commit), for edition.properties
     */
    public record Inputs(Path root, List<Chapter> chapters, Path runtimeCode, Path bookHtml, Path bookPdf,
                         String version, String madeFrom) {}

    private static final Pattern MODULES = Pattern.compile("(?s)(\\n[ \\t]*)<modules>.*?</modules>");
    private static final String RESOURCES = "/dev/gort/grader/release/";

    private StudentEdition() {}

    /** Writes the edition into {@code out}, which must be empty or absent. */
    public static void write(Inputs in, Path out) {
        Path root = in.root();
        for (String launcher : List.of("workbook", "jbang")) {
            FileTree.copyFile(root.resolve(launcher), out.resolve(launcher));
        }
        FileTree.write(out.resolve("pom.xml"), parentPom(Grader.read(root.resolve("pom.xml")), in.chapters()));
        FileTree.write(out.resolve("runtime/pom.xml"), resource("runtime-pom.xml").replace("@version@", in.version()));
        FileTree.packClasses(in.runtimeCode(), out.resolve("runtime/gort-runtime.jar"));
        FileTree.copyFile(root.resolve("grader/pom.xml"), out.resolve("grader/pom.xml"));
        FileTree.copy(root.resolve("grader/src/main"), out.resolve("grader/src/main"), rel -> true);
        for (Chapter ch : in.chapters()) {
            copyChapter(ch, out.resolve("chapters").resolve(ch.id()));
        }
        FileTree.copy(in.bookHtml(), out.resolve("book/html"), rel -> true);
        FileTree.copyFile(in.bookPdf(), out.resolve("book/gort.pdf"));
        FileTree.write(out.resolve("README.md"), readme(in.chapters()));
        FileTree.write(out.resolve(".gitignore"), resource("gitignore"));
        FileTree.write(out.resolve(".github/workflows/classroom.yml"), Classroom.workflow(in.chapters()));
        new Edition(Edition.Kind.STUDENT, in.version(), in.chapters().stream().map(Chapter::id).toList(),
                in.madeFrom()).write(out);
    }

    /**
     * The chapter as a student starts it: its files without build output or saved state, and the
     * exercise files regenerated from the reference (so that an instructor's own attempts in their
     * checkout never reach the students).
     */
    private static void copyChapter(Chapter ch, Path to) {
        FileTree.copy(ch.dir(), to, rel -> !rel.startsWith("target") && !rel.startsWith(".gort"));
        Map<Path, String> stubs = new StubGenerator(ch).generate(StubGenerator.Edition.STUBS);
        stubs.forEach((rel, text) -> FileTree.write(to.resolve("src/main/java").resolve(rel), text));
    }

    /** The checkout's parent POM with the edition's modules: runtime, grader, the chapters. */
    static String parentPom(String pom, List<Chapter> chapters) {
        Matcher m = MODULES.matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("the checkout's pom.xml has no <modules> block to replace");
        }
        String ind = m.group(1);
        String modules = ind + "<modules>"
                + ind + "  <module>runtime</module>"
                + ind + "  <module>grader</module>"
                + chapters.stream().map(c -> ind + "  <module>chapters/" + c.id() + "</module>")
                        .collect(Collectors.joining())
                + ind + "</modules>";
        // The edition's modules have no tests of their own (the grader runs the chapters' tests).
        return m.replaceFirst(Matcher.quoteReplacement(modules))
                .replace("<failIfNoTests>true</failIfNoTests>", "<failIfNoTests>false</failIfNoTests>");
    }

    private static String readme(List<Chapter> chapters) {
        String list = chapters.stream()
                .map(c -> "- `chapters/" + c.id() + "`: " + c.title() + " (exercises: "
                        + c.exercises().stream().map(Chapter.ExerciseInfo::id).collect(Collectors.joining(", "))
                        + ")")
                .collect(Collectors.joining("\n"));
        Chapter first = chapters.getFirst();
        return resource("student-README.md").replace("@chapters@", list)
                .replace("@firstid@", first.id()).replace("@first@", first.number());
    }

    static String resource(String name) {
        try (InputStream in = StudentEdition.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the grader's resource " + RESOURCES + name + " is missing");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
