package dev.gort.book;

import dev.gort.runtime.lock.LockRank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the book's figures by running the runtime: one SVG timeline per scenario in
 * {@link Scenarios}, written into the directory given as the first argument (the build passes
 * {@code book/target/figures}, the book's {@code imagesdir}), plus the generated partials the
 * chapters include and the conceptual diagrams drawn from {@code src/docs/diagrams} ({@link
 * Diagram}).
 *
 * <p>Run by the book module's build (exec-maven-plugin, process-classes phase) in a JVM with the
 * Continuation export. A failure here fails the build: a figure that cannot be made must not
 * silently go missing. Given the book's source folder as well, it first checks that every cross
 * reference resolves ({@link XrefCheck}) and that no listing is too wide and no code span would
 * be mangled ({@link SourceCheck}).
 */
public final class Figures {
    private Figures() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Figures OUTPUT_DIR [ASCIIDOC_DIR]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<String> problems = new ArrayList<>();
        if (args.length == 2) {
            Path docs = Path.of(args[1]);
            problems.addAll(XrefCheck.check(docs));
            problems.addAll(SourceCheck.check(docs, docs.resolve("../../../..").normalize()));
        }
        String blocks = BlocksTable.asciidoc();
        problems.addAll(SourceCheck.codeSpans("_blocks.adoc (generated)", blocks));
        String lockranks = LockRank.asciidocTable();
        problems.addAll(SourceCheck.codeSpans("_lockranks.adoc (generated)", lockranks));
        String tracebacks = Tracebacks.asciidoc();
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("gort book: " + p));
            System.exit(1);
        }
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        for (String name : Scenarios.NAMES) {
            write(out.resolve(name + ".svg"), svg(name));
        }
        write(out.resolve("_blocks.adoc"), blocks);
        write(out.resolve("_lockranks.adoc"), lockranks);
        write(out.resolve("_gotraceback.adoc"), tracebacks);
        for (String name : MemoryMaps.NAMES) {
            write(out.resolve(name + ".svg"), MemoryMaps.svg(name));
        }
        for (String name : HeapMaps.NAMES) {
            write(out.resolve(name + ".svg"), HeapMaps.svg(name));
        }
        for (String name : StackMaps.NAMES) {
            write(out.resolve(name + ".svg"), StackMaps.svg(name));
        }
        int diagrams = 0;
        if (args.length == 2) {
            for (Path d : diagramSources(Path.of(args[1]))) {
                String name = d.getFileName().toString().replace(".diag", "");
                write(out.resolve(name + ".svg"), Diagram.render(d.getFileName().toString(), Files.readString(d)));
                diagrams++;
            }
        }
        System.out.printf("gort book: %d figures and %d diagrams in %s (%d ms)%n", Scenarios.NAMES.size(),
                diagrams, out, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The diagram sources beside the AsciiDoc folder ({@code src/docs/diagrams/*.diag}), sorted. */
    static List<Path> diagramSources(Path asciidoc) throws IOException {
        Path dir = asciidoc.resolveSibling("diagrams");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".diag")).sorted().toList();
        }
    }

    /** The SVG timeline of scenario {@code name}. */
    public static String svg(String name) {
        Scenarios.Run r = Scenarios.run(name);
        System.out.printf("gort book: figure %s from seed %d%n", name, r.seed());
        long to = r.to();
        for (String other : Scenarios.sameScale(name)) {
            if (!other.equals(name)) {
                Scenarios.Run o = Scenarios.run(other);
                to = Math.max(to, r.from() + o.to() - o.from());
            }
        }
        return Timeline.render(r.events(), r.from(), to, r.question(), r.sleeps());
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
