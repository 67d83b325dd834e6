package dev.gort.grader.chapter;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.nio.file.Path;
import java.util.Map;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given code (a stubbed file's methods that are no exercise) must reach the grader unchanged. */
class GivenCodeTest {
    @TempDir Path dir;

    @Test
    void solvingTheExercisesOrReformattingChangesNoGivenCode() {
        Path root = Toy.root(dir);
        Map<Path, String> stubs = new StubGenerator(Toy.chapter(root)).generate(StubGenerator.Edition.STUBS);
        String solved = Toy.withAdd(root, "        // my own comment\n        return   a\n + b;")
                .replace("return name;", "return name; // a comment of mine");
        assertThat(GivenCode.changes(stubs, Map.of(Toy.ADDER, solved)), empty());
    }

    @Test
    void aChangedOrMissingGivenMethodIsNamed() {
        Path root = Toy.root(dir);
        Map<Path, String> stubs = new StubGenerator(Toy.chapter(root)).generate(StubGenerator.Edition.STUBS);
        String changed = Toy.solution(root).replace("return name;", "return \"other\";");
        assertThat(GivenCode.changes(stubs, Map.of(Toy.ADDER, changed)), contains(
                "Adder.java: Adder.name() is given code (not part of an exercise) and was changed: the grader"
                        + " grades the book's version of it, so restore it as the stub has it (its header names the runtime"
                        + " source it comes from)."));
    }
}
