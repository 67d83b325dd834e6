package dev.gort.grader.release;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Which edition of the workbook a folder is, from its {@code edition.properties} (written by
 * {@code ./workbook release}; a development checkout has none).
 *
 * <ul>
 *   <li>{@link Kind#CHECKOUT}: the repository itself: reference sources with their solution regions,
 *       hidden suites, everything.
 *   <li>{@link Kind#STUDENT}: what students get: stubs, visible tests, hints, the book, the reference
 *       runtime as a compiled jar. No solution sources, no hidden suites: grading, the self-test and
 *       stub generation say they need the instructor edition.
 *   <li>{@link Kind#INSTRUCTOR}: everything, as in a checkout, for the chapters it was made for.
 * </ul>
 *
 * @param kind     which edition
 * @param version  the workbook's version it was made from
 * @param chapters the chapter ids it holds ({@code 01-scheduler}, ...); empty for a checkout
 * @param madeFrom where it was made from (a Git commit when known), for the instructor's records
 */
public record Edition(Kind kind, String version, List<String> chapters, String madeFrom) {
    public static final String FILE = "edition.properties";

    /** What an edition holds. */
    public enum Kind { CHECKOUT, STUDENT, INSTRUCTOR }

    /** The edition of the folder {@code root}: {@link Kind#CHECKOUT} when it has no marker file. */
    public static Edition of(Path root) {
        Path f = root.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return new Edition(Kind.CHECKOUT, "", List.of(), "");
        }
        var p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        String kind = p.getProperty("edition", "").strip();
        Kind k = switch (kind) {
            case "student" -> Kind.STUDENT;
            case "instructor" -> Kind.INSTRUCTOR;
            default -> throw new IllegalArgumentException(f + ": 'edition = " + kind
                    + "' is not an edition; expected 'edition = student' or 'edition = instructor'");
        };
        List<String> chapters = Arrays.stream(p.getProperty("chapters", "").split("[,\\s]+"))
                .filter(s -> !s.isBlank()).toList();
        return new Edition(k, p.getProperty("version", "").strip(), chapters,
                p.getProperty("made-from", "").strip());
    }

    /** Writes this edition's marker into {@code root}. */
    public void write(Path root) {
        String text = "# Written by ./workbook release: which edition of the gort workbook this is.\n"
                + "edition = " + kind.name().toLowerCase(java.util.Locale.ROOT) + "\n"
                + "version = " + version + "\n"
                + "chapters = " + String.join(", ", chapters) + "\n"
                + "made-from = " + madeFrom + "\n";
        try (Writer w = Files.newBufferedWriter(root.resolve(FILE), StandardCharsets.UTF_8)) {
            w.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True for the student edition, which has no hidden suites and no reference sources. */
    public boolean student() {
        return kind == Kind.STUDENT;
    }
}
