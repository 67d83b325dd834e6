package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.gort.grader.Toy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submission that touches unmapped memory kills its test JVM with SIGSEGV, as a stray access in
 * unmanaged memory does on the real OS: the grader reads the JVM's error file back as Go's fault
 * report (the address, {@code fatal error: fault}, the signal line, the frames), names the replay
 * on the simulated OS, and grades the other tests in a fresh JVM. Each case is a real crash of a
 * separate JVM, as in grading.
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
        String feedback = grade(root, "segv");
        assertThat(feedback, allOf(containsString("the test JVM crashed with SIGSEGV at address 0x10"
                        + " (nothing is mapped there)"),
                containsString("./workbook replay 00 --seed 1 "),
                containsString("The tests after this one ran in a fresh JVM")));
        assertThat("Go's report, read from the JVM's error file", feedback, allOf(
                matchesPattern("(?s).*unexpected fault address 0x10\n\\s*fatal error: fault\n\\s*"
                        + "\\[signal SIGSEGV: segmentation violation code=0x1 addr=0x10 pc=0x.*"),
                containsString("dev.gort.chapters.toy.Adder.add")));
        assertThat("the tests that do not add -2 and -3 still pass", feedback, containsString("passed"));
    }

    /**
     * A student's address arithmetic that is off by one word, used by a test that reads through the
     * runtime's unchecked unmanaged memory on the real OS (as the runtime runs outside checks): the
     * read lands on a reserved page (PROT_NONE), which is a real SIGSEGV with code 2.
     */
    @Test
    void anUncheckedStrayAccessEndsInGosFaultReportNotAJvmCrashDump() throws Exception {
        Path root = Toy.root(tmp.resolve("root"));
        Toy.addHiddenTest(root, "UncheckedHiddenTest", """
                import static org.hamcrest.MatcherAssert.assertThat;
                import static org.hamcrest.Matchers.is;
                import dev.gort.runtime.mem.MLink;
                import dev.gort.runtime.mem.Memory;
                import dev.gort.runtime.os.RealOs;
                import dev.gort.runtime.part.Parts;
                import org.junit.jupiter.api.Test;
                """, """
                    @Test
                    @Points(1)
                    void theLastWordOfAReadyPageIsReadAtTheAddressAddComputes() {
                        Memory mem = new Memory(new RealOs("toy"), false, Parts.reference());
                        long base = mem.sysmem.sysReserve(0, 2 * 4096);   // two pages, PROT_NONE
                        mem.sysmem.sysMap(base, 4096, mem.otherSys);       // the first one Ready
                        mem.sysmem.sysUsed(base, 4096, 4096);
                        mem.space.putLong(base + 4088, 42);
                        long at = base + Chapter00.adder().add(4080, 8);   // the page's last word
                        assertThat(new MLink(mem.space).at(at).next(), is(42L));
                    }
                """);
        Toy.write(tmp.resolve("subs/stray/Adder.java"), Toy.withAdd(root, "        return a + b + 8;"));
        String feedback = grade(root, "stray");
        assertThat(feedback, allOf(
                matchesPattern("(?s).*the test JVM crashed with SIGSEGV at address 0x[0-9a-f]+ \\(mapped,"
                        + " but protected \\(a page reserved or faulted, not Ready\\)\\).*"),
                matchesPattern("(?s).*unexpected fault address 0x[0-9a-f]+\n\\s*fatal error: fault\n\\s*"
                        + "\\[signal SIGSEGV: segmentation violation code=0x2 addr=0x[0-9a-f]+ pc=0x.*"),
                containsString("dev.gort.runtime.mem.MLink.next"),
                containsString("UncheckedHiddenTest.theLastWordOfAReadyPageIsReadAtTheAddressAddComputes"),
                containsString("./workbook replay 00 --seed 1 UncheckedHiddenTest#"
                        + "theLastWordOfAReadyPageIsReadAtTheAddressAddComputes")));
        assertThat("the report is Go's, not the JVM's crash banner, and names no test framework frame",
                feedback, allOf(not(containsString("A fatal error has been detected by the Java Runtime")),
                        not(containsString("org.junit."))));
    }

    /** Grades the submission subs/NAME of the toy at root; its feedback.md. */
    private String grade(Path root, String name) throws Exception {
        Toy.Run run = Toy.cli(root, "grade", "00", "--test-timeout", "5", "--out",
                tmp.resolve("out").toString(), "--submission", tmp.resolve("subs/" + name).toString());
        assertThat(run.toString(), run.status(), is(0));
        return Files.readString(tmp.resolve("out/" + name + "/feedback.md"));
    }
}
