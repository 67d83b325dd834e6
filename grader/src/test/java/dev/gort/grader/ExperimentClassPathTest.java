package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.gort.grader.chapter.Chapters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path that the {@code ./jbang} script, the book and the experiments give for running an
 * experiment against a learner's own parts ({@code ./jbang --cp DIR -Dgort.parts=chapter ...}) is
 * where {@code ./workbook check} really puts the chapter's compiled classes.
 */
class ExperimentClassPathTest {
    private static final Pattern CP = Pattern.compile("--cp (\\S+?)[\\s\"]");
    private static final Pattern CHAPTER_ID = Pattern.compile("\\b\\d\\d-[a-z]+(?:-[a-z]+)*\\b");

    @Test
    void theNamedClassPathHoldsTheClassesThatCheckCompiled(@TempDir Path dir) throws IOException {
        Path repo = Chapters.current().root();
        List<String> named = new ArrayList<>();
        for (Path f : sources(repo)) {
            Matcher m = CP.matcher(Files.readString(f));
            while (m.find()) {
                named.add(repo.relativize(f) + ": " + m.group(1));
            }
        }
        assertThat("--cp in ./jbang, the book and the experiments", named, is(not(empty())));

        Path root = Toy.root(dir);
        Toy.cli(root, "check", "00");
        for (String n : named) {
            String onToy = CHAPTER_ID.matcher(n.substring(n.indexOf(": ") + 2)).replaceAll("00-toy");
            Path classes = root.resolve(onToy);
            assertThat(n + " (for the toy chapter: " + onToy + ") holds the chapter's classes after check",
                    Files.isRegularFile(classes.resolve("dev/gort/chapters/toy/Chapter00.class")), is(true));
        }
    }

    private static List<Path> sources(Path repo) throws IOException {
        List<Path> all = new ArrayList<>(List.of(repo.resolve("jbang")));
        for (String d : List.of("book/src/docs", "chapters")) {
            try (Stream<Path> s = Files.walk(repo.resolve(d))) {
                s.filter(p -> p.toString().endsWith(".adoc") || p.toString().endsWith(".jsh"))
                        .sorted().forEach(all::add);
            }
        }
        return all;
    }
}
