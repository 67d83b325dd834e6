package dev.gort.grader.chapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The chapters of a workbook checkout: every {@code chapters/NN-name/chapter.properties} under the
 * repository root, in chapter order, and the lookup that lets users say {@code 01}, {@code 1},
 * {@code scheduler} or {@code 01-scheduler}.
 */
public final class Chapters {
    /** System property the launcher sets to the repository root. */
    public static final String ROOT_PROPERTY = "gort.root";

    private final Path root;
    private final List<Chapter> all;

    public Chapters(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path dir = this.root.resolve("chapters");
        if (!Files.isDirectory(dir)) {
            this.all = List.of();
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            this.all = s.filter(d -> Files.isRegularFile(d.resolve(Chapter.MANIFEST)))
                    .sorted()
                    .map(d -> Chapter.load(this.root, d))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout the CLI works on: {@value #ROOT_PROPERTY}, else the nearest parent with chapters/. */
    public static Chapters current() {
        String prop = System.getProperty(ROOT_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new Chapters(Path.of(prop));
        }
        Path p = Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isDirectory(q.resolve("chapters")) && Files.isRegularFile(q.resolve("pom.xml"))) {
                return new Chapters(q);
            }
        }
        return new Chapters(p);
    }

    public Path root() {
        return root;
    }

    public List<Chapter> all() {
        return all;
    }

    /**
     * The chapter named by {@code arg}, or an {@link IllegalArgumentException} whose message lists
     * the valid names.
     */
    public Chapter resolve(String arg) {
        String a = arg.strip().toLowerCase(java.util.Locale.ROOT);
        for (Chapter c : all) {
            if (a.equals(c.id()) || a.equals(c.name()) || a.equals(c.number())
                    || (a.matches("\\d+") && c.number().matches("\\d+")
                        && Integer.parseInt(a) == Integer.parseInt(c.number()))) {
                return c;
            }
        }
        throw new IllegalArgumentException("no chapter '" + arg + "'. " + validNames());
    }

    /** "Chapters: 01 (scheduler), 03 (synchronization)" or a note that there are none. */
    public String validNames() {
        if (all.isEmpty()) {
            return "No chapters found under " + root.resolve("chapters") + ".";
        }
        return "Chapters: " + all.stream().map(c -> c.number() + " (" + c.name() + ")")
                .collect(Collectors.joining(", "));
    }
}
