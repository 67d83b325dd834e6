package dev.gort.book;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book renders what its sources say: no listing line is wider than the page, and no code span
 * is changed by Asciidoctor's typographic replacements. The first test checks the book itself;
 * the others show that the check catches each way of getting it wrong.
 */
class SourceCheckTest {
    private static final Path DOCS = Path.of("src/docs/asciidoc");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBookHasNoWideListingLineAndNoMangledCodeSpan() throws IOException {
        assertThat(SourceCheck.check(DOCS, ROOT), empty());
        assertThat(SourceCheck.codeSpans("_blocks.adoc", BlocksTable.asciidoc()), empty());
        assertThat(SourceCheck.codeSpans("_lockranks.adoc", dev.gort.runtime.lock.LockRank.asciidocTable()), empty());
    }

    @Test
    void anArrowOrAnEllipsisInACodeSpanIsReported() {
        List<String> problems = SourceCheck.codeSpans("_a.adoc",
                "Readying it throws `bad g->status in ready`.\n\nA call `gopark(...)` parks.\n");
        assertThat(problems, hasSize(2));
        assertThat(problems.get(0), containsString("_a.adoc:1: code span `bad g->status in ready`"));
        assertThat(problems.get(1), containsString("_a.adoc:3: code span `gopark(...)`"));
    }

    @Test
    void aLiteralSpanIsLeftAlone() {
        assertThat(SourceCheck.codeSpans("_a.adoc", "It throws `+bad g->status in ready+`.\n"), empty());
    }

    @Test
    void aSpanFollowedByAnApostropheIsAStrayBacktick() {
        List<String> problems = SourceCheck.codeSpans("_a.adoc", "Text.\n\n`park_m`:: `gopark`'s second half.\n");
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), containsString("_a.adoc:3: a backtick that opens no code span"));
    }

    @Test
    void aSpanThatRunsIntoTheNextIsReported() {
        List<String> problems = SourceCheck.codeSpans("_a.adoc", "It calls `gopark`'s `unlockf` on g0.\n");
        assertThat(problems, hasSize(1));
        assertThat(problems.get(0), containsString("_a.adoc:1: code span `gopark`'s `unlockf` runs over another backtick"));
    }

    @Test
    void aListingIsVerbatim() {
        assertThat(SourceCheck.codeSpans("_a.adoc", "----\nx = `a->b`...\n----\n"), empty());
    }

    @Test
    void aTaggedLineWiderThanThePageIsReported(@TempDir Path root) throws IOException {
        Path src = root.resolve("runtime/src/main/java/dev/gort/runtime/sched");
        Files.createDirectories(src);
        String wide = "        int x = " + "1 + ".repeat(20) + "1;";  // 8 spaces of class indent
        Files.writeString(src.resolve("A.java"), "class A {\n    // tag::f[]\n    void f() {\n"
                + wide + "\n    }\n    // end::f[]\n}\n");
        List<String> problems = SourceCheck.listings("_a.adoc",
                List.of("[source,java,indent=0]", "----", "include::{src}/sched/A.java[tag=f]", "----"), root);
        assertThat(problems, contains(containsString(
                "_a.adoc:3: tag f of sched/A.java, its line 2 is " + (wide.length() - 4) + " columns wide")));
    }

    @Test
    void aTagIsMeasuredAfterItsCommonIndentIsRemoved(@TempDir Path root) throws IOException {
        Path src = root.resolve("runtime/src/main/java/dev/gort/runtime");
        Files.createDirectories(src);
        String line = "        " + "x".repeat(SourceCheck.COLUMNS); // fits once 8 columns go
        Files.writeString(src.resolve("B.java"), "    // tag::g[]\n        {\n" + line + "\n    // end::g[]\n");
        assertThat(SourceCheck.listings("_b.adoc",
                List.of("----", "include::{src}/B.java[tag=g,indent=0]", "----"), root), empty());
    }
}
