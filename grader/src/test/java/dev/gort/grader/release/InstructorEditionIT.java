package dev.gort.grader.release;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gort.grader.chapter.Chapters;

/**
 * {@code ./workbook release --instructor --chapters 01}: the whole workbook for one chapter, as a
 * clean tree: reference sources with their regions, that chapter's hidden suite, the grader, the
 * book's sources; no other chapter, no build output; and a parent POM that lists only what is there.
 */
class InstructorEditionIT {
    static final Path ROOT = Launch.repositoryRoot();
    @TempDir Path tmp;

    @Test
    void oneChaptersInstructorEditionHoldsEverythingOfItAndNothingOfTheOthers() throws Exception {
        Path out = tmp.resolve("instructor");
        Launch.Run r = Launch.workbook(ROOT, tmp, "release", "--instructor", "--chapters", "01",
                "--out", out.toString());
        assertThat(r.toString(), r.status(), is(0));

        Chapters edition = new Chapters(out);
        assertThat(edition.all().stream().map(c -> c.id()).toList(), is(java.util.List.of("01-scheduler")));
        var ch = edition.resolve("01");
        assertThat(Files.isDirectory(ch.hiddenTests()), is(true));
        for (Path src : ch.stubSources()) {
            assertThat(src.toString(), Files.readString(out.resolve(src)), containsString("// SOLUTION "));
        }
        for (String kept : java.util.List.of("workbook", "jbang", "README.md", "grader/pom.xml",
                "book/pom.xml", "runtime/pom.xml")) {
            assertThat(kept, Files.isRegularFile(out.resolve(kept)), is(true));
        }
        try (var s = Files.walk(out)) {
            assertThat(s.map(p -> out.relativize(p).toString())
                    .filter(p -> p.matches("(.*/)?(target|\\.gort)(/.*)?") || p.startsWith("chapters/03")
                            || p.startsWith("solutions/03")).toList(), is(java.util.List.of()));
        }
        // The POM is well formed and names only the modules that exist.
        String pom = Files.readString(out.resolve("pom.xml"));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("pom.xml").toFile());
        assertThat(pom, containsString("<module>solutions/01-scheduler</module>"));
        assertThat(pom, not(containsString("03-synchronization")));
        var modules = java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (modules.find()) {
            assertThat(modules.group(1), Files.isRegularFile(out.resolve(modules.group(1)).resolve("pom.xml")), is(true));
        }
        // The grader's commands know it: grading, the self-test and stubs are not refused there.
        assertThat(Edition.of(out).kind(), is(Edition.Kind.INSTRUCTOR));
    }
}
