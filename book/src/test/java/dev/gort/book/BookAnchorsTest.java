package dev.gort.book;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every "book: chapter#section" that a solution region in the runtime points a student to names a
 * chapter and a section id that the book has. (Asciidoctor checks the book's own cross
 * references; nothing else checks these, which reach the student through a Todo's message.)
 */
class BookAnchorsTest {
    private static final Pattern POINTER = Pattern.compile("book: ([a-z0-9-]+)#([A-Za-z0-9_-]+)");
    private static final Pattern ID = Pattern.compile("^\\[\\[([A-Za-z0-9_-]+)(,[^\\]]*)?\\]\\]\\s*$");

    @Test
    void everyPointerFromTheRuntimeNamesASectionOfTheBook() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> s = Files.list(root.resolve("book/src/docs/asciidoc"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    Matcher m = ID.matcher(line);
                    if (m.matches()) {
                        ids.add(m.group(1));
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> s = Files.walk(root.resolve("runtime/src/main/java"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = POINTER.matcher(Files.readString(f));
                while (m.find()) {
                    seen++;
                    if (!ids.contains(m.group(1)) || !ids.contains(m.group(2))) {
                        missing.add(root.relativize(f) + ": " + m.group());
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "pointers to the book with no such chapter or section id "
                + "(ids in the book: " + ids + "):\n  " + String.join("\n  ", missing));
        assertTrue(seen > 0, "found no 'book: chapter#section' pointer in the runtime's sources");
    }
}
