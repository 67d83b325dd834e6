package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission that touches unmapped memory kills its test JVM with SIGSEGV, as a stray access in
 * unmanaged memory does on the real OS: the grader names the signal and the replay on the
 * simulated OS, and grades the other tests in a fresh JVM.
 */
class CrashReportTest {
    @TempDir Path tmp;

    @Test
    void aSigsegvIsReportedAsSuchWithTheReplayAndTheOtherTestsGoOn() throws Exception {
        Path root = Toy.root(tmp.resolve("root"));
        // Chapter 04 may touch memory through the runtime; the toy is allowed raw FFM to do it here.
        Path manifest = root.resolve("chapters/00-toy/chapter.properties");
        Files.writeString(manifest, Files.readString(manifest).replace("check.allow = java.lang.Thread",
                "check.allow = java.lang.Thread, java.lang.foreign.**"));
        String segv = Toy.withAdd(root, "        if (a == -2 && b == -3) {\n"
                + "            java.lang.foreign.MemorySegment.ofAddress(16).reinterpret(8)\n"
                + "                    .get(java.lang.foreign.ValueLayout.JAVA_LONG, 0);\n"
                + "        }\n        return a + b;");
        Toy.write(tmp.resolve("subs/segv/Adder.java"), segv);
        Toy.Run run = Toy.cli(root, "grade", "00", "--test-timeout", "5", "--out",
                tmp.resolve("out").toString(), "--submission", tmp.resolve("subs/segv").toString());
        assertThat(run.toString(), run.status(), is(0));
        String feedback = Files.readString(tmp.resolve("out/segv/feedback.md"));
        assertThat(feedback, allOf(containsString("the test JVM crashed with SIGSEGV"),
                containsString("./workbook replay 00 --seed 1 "),
                containsString("The tests after this one ran in a fresh JVM")));
        assertThat("the tests that do not add -2 and -3 still pass", feedback, containsString("passed"));
    }
}
