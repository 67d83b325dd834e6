package dev.gort.runtime.errors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.GoPanic;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * throw, fatal and panic as Go prints them: the panic line, the goroutine and its frames, Go's
 * refusals to unwind, and recovery. This class is outside the runtime's packages on purpose: its
 * frames are user frames, which a traceback shows at every level.
 */
class ErrorsTest {
    static final Func F = Func.of("main.f", 2);

    static Config sim(long seed) {
        return Config.defaults().gomaxprocs(2).simulated(seed).stderr(new PrintStream(new ByteArrayOutputStream()));
    }

    static FatalError death(Config c, Runnable main) {
        return assertThrows(FatalError.class, () -> Gort.boot(c).run(main));
    }

    static void boom() {
        throw Gort.panic("boom");
    }

    /** Recurses n frames of main.f, then panics. */
    static void f(int n) {
        int fr = Frame.enter(F);
        try {
            if (n == 0) {
                boom();
            }
            f(n - 1);
        } finally {
            Frame.leave(fr);
        }
    }

    @Test
    void anUnrecoveredPanicPrintsTheValueABlankLineTheGoroutineAndItsFrames() {
        FatalError e = death(sim(1), () -> {
            Sema never = new Sema();
            Gort.go(ErrorsTest::boom);
            Sema.semacquire(never);
        });
        assertThat(e.kind(), equalTo(FatalError.Kind.PANIC));
        assertThat(e.getMessage(), equalTo("boom"));
        assertThat(e.exitStatus(), equalTo(2));
        assertThat(e.output(), matchesPattern("""
                panic: boom

                goroutine 2 \\[running\\]:
                panic\\(\\.\\.\\.\\)
                \tGort\\.java:\\d+
                dev\\.gort\\.runtime\\.errors\\.ErrorsTest\\.boom\\(\\.\\.\\.\\)
                \tErrorsTest\\.java:\\d+
                created by dev\\.gort\\.runtime\\.errors\\.ErrorsTest in goroutine 1
                """));
    }

    @Test
    void framesOnTheSimulatedStackAreNamedByTheirFunc() {
        FatalError e = death(sim(1), () -> f(3));
        assertThat(e.output(), startsWith("panic: boom\n\ngoroutine 1 [running]:\npanic(...)\n"));
        assertThat(e.output(), containsString("""
                dev.gort.runtime.errors.ErrorsTest.boom(...)
                \tErrorsTest.java:"""));
        assertThat("four frames of main.f, each with its line", e.output().split("main\\.f\\(\\.\\.\\.\\)\n\tErrorsTest\\.java:\\d+\n", -1).length,
                equalTo(5));
        assertThat("no frame addresses below GOTRACEBACK=system", e.output(), not(containsString("fp=0x")));
    }

    @Test
    void aDeepStackShowsItsFirstAndLastFiftyFrames() {
        FatalError e = death(sim(1), () -> f(300));
        assertThat(e.output(), matchesPattern("(?s).*\n\\.\\.\\.\\d+ frames elided\\.\\.\\.\n.*"));
        assertThat(e.output().split("\n\t").length - 1, equalTo(100));
    }

    @Test
    void aRecoveredPanicIsPrintedBeforeThePanicThatEndedTheGoroutine() {
        FatalError e = death(sim(1), () -> {
            try {
                throw Gort.panic("first");
            } catch (GoPanic p) {
                throw new IllegalStateException("second", p);
            }
        });
        assertThat(e.output(), startsWith("""
                panic: first [recovered]
                \tpanic: java.lang.IllegalStateException: second

                goroutine 1 [running]:
                """));
    }

    @Test
    void catchingAGoPanicRecoversItsValue() {
        Object[] got = new Object[1];
        Gort.boot(sim(1)).run(() -> {
            try {
                boom();
            } catch (GoPanic p) {
                got[0] = p.value();
            }
        });
        assertThat(got[0], equalTo("boom"));
    }

    @Test
    void panicOfNilSaysSo() {
        FatalError e = death(sim(1), () -> {
            throw Gort.panic(null);
        });
        assertThat(e.output(), startsWith("panic: panic called with nil argument\n"));
    }

    @Test
    void aPanicOnTheSystemStackIsAThrow() {
        FatalError e = death(sim(1), () -> Switch.systemstack(() -> Gort.panic("x")));
        assertThat(e.kind(), equalTo(FatalError.Kind.THROW));
        assertThat(e.getMessage(), equalTo("panic on system stack"));
        assertThat(e.output(), startsWith("panic: x\nfatal error: panic on system stack\n\nruntime stack:\n"));
    }

    @Test
    void aPanicHoldingARuntimeLockIsAThrow() {
        FatalError e = death(sim(1), () -> {
            M.acquirem();
            Gort.panic("x");
        });
        assertThat(e.getMessage(), equalTo("panic holding locks"));
        assertThat(e.output(), startsWith("panic: x\nfatal error: panic holding locks\n"));
    }

    @Test
    void anExceptionEscapingWhileHoldingALockIsAThrowToo() {
        FatalError e = death(sim(1), () -> {
            M.acquirem();
            throw new IllegalStateException("x");
        });
        assertThat(e.getMessage(), equalTo("panic holding locks"));
        assertThat(e.output(), startsWith("panic: java.lang.IllegalStateException: x\nfatal error: panic holding locks\n"));
    }

    @Test
    void aPanicDuringMallocIsAThrow() {
        FatalError e = death(sim(1), () -> {
            Gort.getg().m.mallocing = 1; // as mallocgc does while it sets up an object
            Gort.panic("x");
        });
        assertThat(e.getMessage(), equalTo("panic during malloc"));
        assertThat(e.output(), startsWith("panic: x\nfatal error: panic during malloc\n"));
    }

    @Test
    void aPanicWithPreemptionOffIsAThrowThatSaysWhy() {
        FatalError e = death(sim(1), () -> {
            Gort.getg().m.preemptoff = "a test";
            Gort.panic("x");
        });
        assertThat(e.getMessage(), equalTo("panic during preemptoff"));
        assertThat(e.output(), startsWith("panic: x\npreempt off reason: a test\nfatal error: panic during preemptoff\n"));
    }

    @Test
    void aRuntimeErrorRaisedInRuntimeCodeIsAThrowNotAPanic() {
        FatalError e = death(sim(1), () -> Frame.enter(null)); // a nil dereference inside the prologue
        assertThat(e.kind(), equalTo(FatalError.Kind.THROW));
        assertThat(e.getMessage(), startsWith("java.lang.NullPointerException"));
        assertThat(e.output(), containsString("\nruntime.enter(...)\n\tFrame.java:"));
    }

    @Test
    void theSameRuntimeErrorInUserCodeIsAPanic() {
        FatalError e = death(sim(1), () -> {
            int[] a = new int[1];
            a[a.length]++;
        });
        assertThat(e.kind(), equalTo(FatalError.Kind.PANIC));
        assertThat(e.output(), startsWith("panic: java.lang.ArrayIndexOutOfBoundsException"));
    }
}
