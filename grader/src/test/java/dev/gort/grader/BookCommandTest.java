package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workbook book} skips the build when the book is newer than everything it is made from. */
class BookCommandTest {
    private static void write(Path file, long mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, file.getFileName().toString());
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    }

    @Test
    void aBookNewerThanItsSourcesIsUpToDate(@TempDir Path root) throws IOException {
        write(root.resolve("book/src/docs/asciidoc/index.adoc"), 1_000_000);
        write(root.resolve("runtime/src/main/java/A.java"), 1_000_000);
        Path html = root.resolve("book/target/book/html/index.html");
        Path pdf = root.resolve("book/target/book/pdf/gort.pdf");
        write(html, 2_000_000);
        write(pdf, 2_000_000);
        assertThat(BookCommand.upToDate(root, List.of(html, pdf)), is(true));
    }

    @Test
    void aChangedRuntimeSourceOrAMissingOutputMeansABuild(@TempDir Path root) throws IOException {
        write(root.resolve("book/src/docs/asciidoc/index.adoc"), 1_000_000);
        Path html = root.resolve("book/target/book/html/index.html");
        Path pdf = root.resolve("book/target/book/pdf/gort.pdf");
        write(html, 2_000_000);
        assertThat("no PDF yet", BookCommand.upToDate(root, List.of(html, pdf)), is(false));
        assertThat("the HTML alone is up to date", BookCommand.upToDate(root, List.of(html)), is(true));
        write(root.resolve("runtime/src/main/java/Listing.java"), 3_000_000);  // a tagged listing changed
        assertThat(BookCommand.upToDate(root, List.of(html)), is(false));
    }
}
