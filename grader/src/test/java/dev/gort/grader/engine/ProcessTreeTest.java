package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM's process tree ends with its run: a test (here one of the grader's own, since the
 * bytecode check keeps processes out of students' code) that leaves a child process behind does
 * not leave it running after the grader is done.
 */
class ProcessTreeTest {
    private static final String MARK = "86399.25"; // sleep's argument: how the orphan is found

    @Test
    void aChildProcessDiesWithItsTestJvm(@TempDir Path tmp) throws Exception {
        TestRun.Outcome o = OneTestClass.run(tmp, "spawn", "SpawnTest", """
                package spawn;

                class SpawnTest {
                    @org.junit.jupiter.api.Test
                    void leavesAChildBehind() throws Exception {
                        new ProcessBuilder("sleep", "%s").start();
                    }
                }
                """.formatted(MARK));
        assertThat(o.toString(), o.results().size(), is(1));
        assertThat(o.results().getFirst().status(), is(Status.PASSED));
        assertThat("a sleep " + MARK + " still runs", ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().arguments().map(a -> List.of(a).contains(MARK)).orElse(false)), is(false));
    }
}
