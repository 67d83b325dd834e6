package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.chapter.StubGenerator;
import picocli.CommandLine;

/** The toy chapter (src/test/resources/toy), copied to a temporary root, and a CLI to drive it. */
public final class Toy {
    public static final Path SOURCE = Path.of("src/test/resources/toy");
    public static final Path ADDER = Path.of("dev/gort/chapters/toy/Adder.java");

    private Toy() {}

    /** A fresh copy of the toy tree with its stubs generated, as a repository root. */
    public static Path root(Path dir) {
        copy(SOURCE, dir);
        Chapter ch = chapter(dir);
        new StubGenerator(ch).generate(StubGenerator.Edition.STUBS)
                .forEach((rel, text) -> write(ch.mainSources().resolve(rel), text));
        return dir;
    }

    public static Chapter chapter(Path root) {
        return new Chapters(root).resolve("00");
    }

    /** The reference Adder in the chapter's package: a correct submission. */
    public static String solution(Path root) {
        return new StubGenerator(chapter(root)).generate(StubGenerator.Edition.SOLUTION).get(ADDER);
    }

    /** The solution with add's body replaced by {@code body} (which should end by returning). */
    public static String withAdd(Path root, String body) {
        String s = solution(root);
        String original = "        return a + b;\n";
        if (!s.contains(original)) {
            throw new IllegalStateException("the toy's add body changed");
        }
        return s.replace(original, body + "\n");
    }

    /**
     * Adds a hidden test class of exercise {@code add} to the toy at root: {@code body} inside
     * {@code class NAME}, after the package, Chapter00, Exercise and Points, and {@code imports}.
     */
    public static void addHiddenTest(Path root, String name, String imports, String body) {
        write(root.resolve("solutions/00-toy/src/test/java/dev/gort/solutions/toy/" + name + ".java"),
                "package dev.gort.solutions.toy;\n\nimport dev.gort.chapters.toy.Chapter00;\n"
                        + "import dev.gort.grader.api.Exercise;\nimport dev.gort.grader.api.Points;\n" + imports
                        + "\n@Exercise(\"add\")\nclass " + name + " {\n" + body + "}\n");
    }

    public static void write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copy(Path from, Path to) {
        Cli.copyTree(from, to);
    }

    /** Runs the CLI with {@code gort.root} pointing at {@code root}. */
    public static Run cli(Path root, String... args) {
        String old = System.getProperty(Chapters.ROOT_PROPERTY);
        System.setProperty(Chapters.ROOT_PROPERTY, root.toString());
        try {
            var out = new StringWriter();
            var err = new StringWriter();
            CommandLine c = Workbook.commandLine();
            c.setOut(new PrintWriter(out, true));
            c.setErr(new PrintWriter(err, true));
            int status = c.execute(args);
            return new Run(status, out.toString(), err.toString());
        } finally {
            if (old == null) {
                System.clearProperty(Chapters.ROOT_PROPERTY);
            } else {
                System.setProperty(Chapters.ROOT_PROPERTY, old);
            }
        }
    }

    public record Run(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }
}
