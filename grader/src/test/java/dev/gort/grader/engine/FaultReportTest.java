package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

/** The JVM's error file read back as Go's fault report, in the two shapes the JVM writes. */
class FaultReportTest {
    private static final String HEADER = """
            #  SIGSEGV (0xb) at pc=0x00007f35a8433f9d, pid=21959, tid=21960
            """;
    private static final String SIGINFO =
            "siginfo: si_signo: 11 (SIGSEGV), si_code: 2 (SEGV_ACCERR), si_addr: 0x00007f4a27603000\n";

    @Test
    void interpretedFramesComeFromTheJavaFramesSectionWithoutTheJdksPlumbing() {
        FaultReport r = FaultReport.parse(HEADER + """
                Java frames: (J=compiled Java code, j=interpreted, Vv=VM code)
                j  jdk.internal.misc.Unsafe.getLong(Ljava/lang/Object;J)J+0 java.base@25.0.3
                j  java.lang.invoke.VarHandleGuards.guard_LJ_J(Ljava/lang/invoke/VarHandle;)J+49 java.base@25.0.3
                j  dev.gort.runtime.mem.MLink.next()J+18
                j  dev.gort.solutions.toy.UncheckedHiddenTest.reads()V+70
                v  ~StubRoutines::call_stub 0x00007f358f938fa6

                """ + SIGINFO);
        assertThat(r.frames(), contains("dev.gort.runtime.mem.MLink.next()J+18",
                "dev.gort.solutions.toy.UncheckedHiddenTest.reads()V+70"));
        assertThat(r.goStyle(), equalTo(String.format("unexpected fault address 0x7f4a27603000%n"
                + "fatal error: fault%n"
                + "[signal SIGSEGV: segmentation violation code=0x2 addr=0x7f4a27603000 pc=0x7f35a8433f9d]%n"
                + "%nthe test thread's frames (innermost first):%n"
                + "\tdev.gort.runtime.mem.MLink.next()J+18%n"
                + "\tdev.gort.solutions.toy.UncheckedHiddenTest.reads()V+70%n")));
        assertThat(r.meaning(), equalTo("mapped, but protected (a page reserved or faulted, not Ready)"));
    }

    @Test
    void compiledFramesComeFromTheNativeFramesSection() {
        FaultReport r = FaultReport.parse(HEADER + """
                Native frames: (J=compiled Java code, j=interpreted, Vv=VM code, C=native code)
                J 1250 c1 jdk.internal.foreign.AbstractMemorySegmentImpl.get(J)J java.base@25.0.3 (12 bytes) @ 0x1
                J 525 c1 Segv.main([Ljava/lang/String;)V (13 bytes) @ 0x00007ffa983c272c [0x00007ffa983c2680+0xac]
                v  ~StubRoutines::call_stub 0x00007ffa98200fa6
                V  [libjvm.so+0xa23840]  JavaCalls::call_helper(JavaValue*)+0x2b0

                """ + SIGINFO.replace("2 (SEGV_ACCERR)", "1 (SEGV_MAPERR)"));
        assertThat(r.frames(), contains("Segv.main([Ljava/lang/String;)V"));
        assertThat(r.meaning(), equalTo("nothing is mapped there"));
    }

    @Test
    void aCrashThatIsNotASigsegvHasNoFaultReport() {
        assertThat(FaultReport.parse("#  SIGBUS (0x7) at pc=0x1\nsiginfo: si_signo: 7 (SIGBUS), si_code: 2"
                + " (BUS_ADRERR), si_addr: 0x10\n"), nullValue());
    }
}
