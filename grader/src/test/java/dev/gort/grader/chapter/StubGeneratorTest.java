package dev.gort.grader.chapter;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubGeneratorTest {
    @TempDir Path root;

    @Test
    void stubKeepsTheShapeAndThrowsTodoInEachRegion() {
        Toy.root(root);
        String stub = new StubGenerator(Toy.chapter(root)).generate(StubGenerator.Edition.STUBS).get(Toy.ADDER);
        assertThat(stub, allOf(
                containsString("// Generated from runtime/src/main/java/dev/gort/toyref/Adder.java by ./workbook stubs"),
                containsString("\npackage dev.gort.chapters.toy;\n"),
                containsString("A toy part for the grader's own tests"),        // Javadoc kept
                containsString("    public int add(int a, int b) {\n"
                        + "        throw new Todo(\"add\", \"Return the sum of a and b.\", \"toy#adding\");\n"
                        + "    }"),
                containsString("throw new Todo(\"fib\", \"Compute the n-th Fibonacci number iteratively"
                        + " (\\\"fib(90)\\\" must be fast).\", \"toy#fib\");"),  // quotes escaped; book ref defaulted
                containsString("public long sumAll(List<Integer> values, int threads) throws InterruptedException {"),
                containsString("    public String name() {\n        return name;\n    }"), // verbatim
                containsString("import java.util.List;")));
        assertThat(stub, allOf(not(containsString("import java.util.ArrayList;")), // unused now: dropped
                not(containsString("import java.util.concurrent.atomic.AtomicLong")), not(containsString("SOLUTION")),
                not(containsString("return a + b")), not(containsString("import dev.gort.chapters.toy.Todo"))));
    }

    @Test
    void solutionEditionKeepsTheCode() {
        Toy.root(root);
        String sol = Toy.solution(root);
        assertThat(sol, allOf(containsString("return a + b;"), containsString("import java.util.ArrayList;"),
                containsString("package dev.gort.chapters.toy;"), not(containsString("throw new Todo"))));
    }

    @Test
    void anUntouchedStubIsRecognisedAndAnEditedOneIsNot() {
        Toy.root(root);
        String stub = new StubGenerator(Toy.chapter(root)).generate(StubGenerator.Edition.STUBS).get(Toy.ADDER);
        assertThat(StubGenerator.untouched(stub), is(true));
        assertThat(StubGenerator.untouched(stub.replace("throw new Todo(\"add\"", "return a + b; //")), is(false));
    }

    @Test
    void typesOfTheOldPackageGetImportsAndTodoIsImported(@TempDir Path tmp) throws Exception {
        Path pkg = tmp.resolve("runtime/src/main/java/dev/gort/runtime/sched");
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("Sched.java"), "package dev.gort.runtime.sched;\npublic final class Sched {}\n");
        Files.writeString(pkg.resolve("Hidden.java"), "package dev.gort.runtime.sched;\nfinal class Hidden {}\n");
        Files.writeString(pkg.resolve("RunQueue.java"), """
                package dev.gort.runtime.sched;

                import dev.gort.runtime.G;

                /** Docs mention Hidden. */
                public final class RunQueue {
                    private final Sched sched = null;

                    public G runqget() {
                        // SOLUTION runqget: Take runnext first. | book: scheduler#runqget
                        return null;
                        // END SOLUTION
                    }
                }
                """);
        Path dir = tmp.resolve("chapters/01-scheduler");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("chapter.properties"), """
                number = 01
                name = scheduler
                package = dev.gort.chapters.scheduler
                stubs = runtime/src/main/java/dev/gort/runtime/sched/RunQueue.java
                exercises = runqget
                """);
        Chapter ch = new Chapters(tmp).resolve("scheduler");
        String stub = new StubGenerator(ch).generate(StubGenerator.Edition.STUBS)
                .get(Path.of("dev/gort/chapters/scheduler/RunQueue.java"));
        assertThat(stub, allOf(containsString("import dev.gort.runtime.G;\n"
                        + "import dev.gort.runtime.part.Todo;\nimport dev.gort.runtime.sched.Sched;\n"),
                not(containsString("Hidden;")),   // not public: no import
                containsString("        throw new Todo(\"runqget\", \"Take runnext first.\", \"scheduler#runqget\");")));
    }

    @Test
    void malformedRegionsSayWhereAndWhat() {
        Path f = Path.of("X.java");
        var nested = assertThrows(Region.MarkerException.class, () -> Region.find(f, List.of(
                "// SOLUTION a: do a", "// SOLUTION b: do b", "// END SOLUTION", "// END SOLUTION")));
        assertThat(nested.getMessage(), allOf(containsString("X.java:2"), containsString("inside SOLUTION a")));
        var open = assertThrows(Region.MarkerException.class, () -> Region.find(f, List.of("  // SOLUTION a: x")));
        assertThat(open.getMessage(), containsString("has no // END SOLUTION"));
        var stray = assertThrows(Region.MarkerException.class, () -> Region.find(f, List.of("// END SOLUTION")));
        assertThat(stray.getMessage(), containsString("X.java:1: END SOLUTION without"));
        var typo = assertThrows(Region.MarkerException.class, () -> Region.find(f, List.of("// SOLUTION a do it")));
        assertThat(typo.getMessage(), containsString("malformed marker"));
        assertThat("two methods may share an id", Region.find(f, List.of("// SOLUTION a: x", "// END SOLUTION",
                "// SOLUTION a: y", "// END SOLUTION")).size(), is(2));
    }

    @Test
    void chapterNamesResolveEveryWayAndUnknownListsTheValidOnes() {
        Toy.root(root);
        Chapters all = new Chapters(root);
        for (String name : List.of("00", "0", "toy", "00-toy", "TOY")) {
            assertThat(name, all.resolve(name).id(), is("00-toy"));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> all.resolve("7"));
        assertThat(e.getMessage(), is("no chapter '7'. Chapters: 00 (toy)"));
    }
}
