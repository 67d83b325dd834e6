package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.gort.grader.release.Edition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workbook book}: build the book (module {@code book/}: figures made by running the runtime,
 * then Asciidoctor to HTML and PDF) and say where to open it.
 *
 * <p>Users: a learner on their first day (the README's first command), an author checking a
 * chapter. Runs {@code mvn -q -B -pl book -am package} in the checkout with the JDK this CLI runs
 * on, showing one line of progress; on success prints the two paths, on failure the end of Maven's
 * log and the command to rerun it. Exit status: 0, or 1 if the build failed, 2 if Maven is missing.
 *
 * <p>When every output is newer than every input (the book's sources, the runtime's sources its
 * listings and figures come from, the POMs), nothing is built: an unchanged rebuild takes well
 * under a second. {@code --html} builds the HTML only, the quick loop for an author (the PDF is
 * most of the build's time); {@code --force} builds even when the outputs are up to date.
 */
@Command(
        name = "book",
        mixinStandardHelpOptions = true,
        description = {
            "Build the book as HTML and PDF, and print where to open it.",
            "Its figures are made by running the runtime. Takes a minute or two; the first run",
            "also downloads Asciidoctor. Does nothing when the book is newer than its sources."})
final class BookCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-o", "--offline"}, description = "Tell Maven to stay offline.")
    boolean offline;

    @Option(names = "--tests", description = "Also run the book's own tests (figures are deterministic).")
    boolean tests;

    @Option(names = "--html", description = "Build the HTML only (several times faster than with the PDF).")
    boolean htmlOnly;

    @Option(names = "--force", description = "Build even when the book is newer than its sources.")
    boolean force;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = root();
        if (root != null && Edition.of(root).student()) {
            // The student edition ships the book built (its sources include the reference's).
            out.println("The book is in this edition, built:");
            out.println("  HTML: " + root.resolve("book/html/index.html"));
            out.println("  PDF:  " + root.resolve("book/gort.pdf"));
            return 0;
        }
        if (root == null) {
            err.println("workbook book: cannot find the gort checkout (a folder with book/pom.xml)"
                    + " above " + Path.of("").toAbsolutePath() + ". Run it through ./workbook.");
            return 2;
        }
        Path html = root.resolve("book/target/book/html/index.html");
        Path pdf = root.resolve("book/target/book/pdf/gort.pdf");
        List<Path> outputs = htmlOnly ? List.of(html) : List.of(html, pdf);
        if (!force && !tests && upToDate(root, outputs)) {
            out.println("The book is up to date (nothing changed since it was built; --force rebuilds it):");
            printPaths(out, html, htmlOnly ? null : pdf);
            return 0;
        }
        List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", "-pl", "book", "-am", "package",
                "-DskipITs"));
        if (htmlOnly) {
            cmd.add("-Dgort.book.skipPdf=true");
        }
        if (!tests) {
            cmd.add("-DskipTests");
        }
        if (offline) {
            cmd.add("-o");
        }
        Path log = Files.createTempFile("gort-book", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        String opts = pb.environment().getOrDefault("MAVEN_OPTS", "");
        // JRuby (Asciidoctor) spends most of the PDF's time compiling; C1 alone builds it faster.
        pb.environment().put("MAVEN_OPTS", ("--sun-misc-unsafe-memory-access=allow"
                + " --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 " + opts).strip());
        err.println(htmlOnly ? "gort: building the book (figures, HTML)..."
                : "gort: building the book (figures, HTML, PDF)...");
        err.flush();
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            err.println("workbook book: could not run Maven (mvn): " + e.getMessage());
            err.println("  Install Maven 3.8.7 or newer and put mvn on PATH, then rerun.");
            return 2;
        }
        int status = p.waitFor();
        if (status != 0) {
            List<String> lines = Files.readAllLines(log);
            err.println("workbook book: the build failed. Last lines of its log:");
            err.println();
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(err::println);
            err.println();
            err.println("Full log: " + log);
            err.println("Rerun it with:");
            err.println("  cd '" + root + "' && JAVA_HOME='" + System.getProperty("java.home") + "' "
                    + String.join(" ", cmd).replace(" -q", ""));
            return 1;
        }
        Files.deleteIfExists(log);
        out.printf("The book is built (%d s):%n", (System.nanoTime() - t0) / 1_000_000_000L);
        printPaths(out, html, htmlOnly ? null : pdf);
        return 0;
    }

    private static void printPaths(PrintWriter out, Path html, Path pdf) {
        out.println("  HTML: " + html);
        if (pdf != null) {
            out.println("  PDF:  " + pdf);
        }
        out.println("Open the HTML in a browser: " + html.toUri());
    }

    /** What the book is made from: its sources, the runtime's sources, the POMs that build it. */
    static final List<String> INPUTS = List.of("book/src", "book/pom.xml", "runtime/src/main", "runtime/pom.xml",
            "pom.xml");

    /** Whether every output exists and is newer than every file among the {@link #INPUTS}. */
    static boolean upToDate(Path root, List<Path> outputs) throws IOException {
        long oldestOutput = Long.MAX_VALUE;
        for (Path o : outputs) {
            if (!Files.isRegularFile(o)) {
                return false;
            }
            oldestOutput = Math.min(oldestOutput, Files.getLastModifiedTime(o).toMillis());
        }
        for (String in : INPUTS) {
            Path p = root.resolve(in);
            if (!Files.exists(p)) {
                continue;
            }
            try (var files = Files.walk(p)) {
                var it = files.filter(Files::isRegularFile).iterator();
                while (it.hasNext()) {
                    if (Files.getLastModifiedTime(it.next()).toMillis() >= oldestOutput) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The checkout: the launcher's gort.root, else the nearest folder above with book/pom.xml. */
    static Path root() {
        String prop = System.getProperty("gort.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path q = Path.of("").toAbsolutePath(); q != null; q = q.getParent()) {
            if (Files.isRegularFile(q.resolve("book/pom.xml"))) {
                return q;
            }
        }
        return null;
    }
}
