package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM's process tree ends with its run: a test (here one of the grader's own, since the
 * bytecode check keeps processes out of students' code) that leaves a child process behind does
 * not leave it running after the grader is done.
 */
class ProcessTreeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String MARK = "86399.25"; // sleep's argument: how the orphan is found

    @Test
    void aChildProcessDiesWithItsTestJvm(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src/spawn/SpawnTest.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package spawn;

                class SpawnTest {
                    @org.junit.jupiter.api.Test
                    void leavesAChildBehind() throws Exception {
                        new ProcessBuilder("sleep", "%s").start();
                    }
                }
                """.formatted(MARK));
        List<Path> cp = new ArrayList<>(Classpath.grader(ROOT));
        Path classes = tmp.resolve("scratch/classes");
        Compiler.Result compiled = Compiler.compile(List.of(src), cp, classes);
        assertThat(compiled.all(), compiled.ok(), is(true));
        cp.add(classes);
        TestRun.Outcome o = new TestRun(new TestRun.Spec(cp, List.of(classes), "00", "spawn",
                Duration.ofSeconds(20), Limits.defaults().withWallClock(Duration.ofSeconds(60)),
                tmp.resolve("scratch/run"), "", Map.of(), null)).run();
        assertThat(o.toString(), o.results().size(), is(1));
        assertThat(o.results().getFirst().status(), is(Status.PASSED));
        assertThat("a sleep " + MARK + " still runs", ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().arguments().map(a -> List.of(a).contains(MARK)).orElse(false)), is(false));
    }
}
