package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one test class of the grader's own (source text, package {@code pkg}) in a forked test JVM
 * as a submission's tests run, with the isolation this machine has: for tests of what that JVM can
 * do, which the bytecode check keeps out of students' code.
 */
final class OneTestClass {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private OneTestClass() {}

    static TestRun.Outcome run(Path tmp, String pkg, String className, String source) throws Exception {
        Path src = tmp.resolve("src").resolve(pkg).resolve(className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        List<Path> cp = new ArrayList<>(Classpath.grader(ROOT));
        Path classes = tmp.resolve("scratch/classes");
        Compiler.Result compiled = Compiler.compile(List.of(src), cp, classes);
        assertThat(compiled.all(), compiled.ok(), is(true));
        cp.add(classes);
        return new TestRun(new TestRun.Spec(cp, List.of(classes), "00", pkg, Duration.ofSeconds(20),
                Limits.defaults().withWallClock(Duration.ofSeconds(60)), tmp.resolve("scratch/run"), "",
                Map.of(), null)).run();
    }
}
