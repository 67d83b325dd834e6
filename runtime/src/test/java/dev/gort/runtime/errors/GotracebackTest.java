package dev.gort.runtime.errors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * GOTRACEBACK: none, single, all, system and crash decide what a dying runtime prints. The scene is
 * the same in each test: goroutine 2 waits in a semaphore inside a frame of main.waiter, and main
 * panics.
 */
class GotracebackTest {
    static final Func WAITER = Func.of("main.waiter", 2);

    static void waiter(Sema s) {
        waiter(s, new AtomicBoolean());
    }

    /** Enters a frame of main.waiter, says so, and sleeps in s for good. */
    static void waiter(Sema s, AtomicBoolean entered) {
        int f = Frame.enter(WAITER);
        entered.set(true); // with one P nothing else runs until it parks
        try {
            Sema.semacquire(s);
        } finally {
            Frame.leave(f);
        }
    }

    /** The scene, on the simulated OS with seed; returns how the runtime died. */
    static FatalError scene(String level, long seed) {
        Config c = Config.defaults().gomaxprocs(1).simulated(seed)
                .stderr(new PrintStream(new ByteArrayOutputStream()));
        Config withLevel = level == null ? c : c.traceback(level);
        return assertThrows(FatalError.class, () -> Gort.boot(withLevel).run(() -> {
            AtomicBoolean entered = new AtomicBoolean();
            Gort.go(() -> waiter(new Sema(), entered));
            while (!entered.get()) {
                Gort.gosched();
            }
            throw Gort.panic("boom");
        }));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void noneShowsOnlyThePanic(long seed) {
        FatalError e = scene("none", seed);
        assertThat(e.output(), equalTo("panic: boom\n"));
        assertThat(e.exitStatus(), equalTo(2));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void singleShowsThePanickingGoroutineWithoutRuntimeFrames(long seed) {
        FatalError e = scene("single", seed);
        assertThat(e.output(), startsWith("panic: boom\n\ngoroutine 1 [running]:\npanic(...)\n"));
        assertThat(e.output(), not(containsString("goroutine 2 [")));
        assertThat(e.output(), not(containsString("runtime.goexit")));
    }

    @Test
    void singleIsTheDefaultWhenNothingIsSet() {
        if (System.getenv("GOTRACEBACK") != null) {
            return; // the environment decides then: GotracebackEnvTest covers it
        }
        assertThat(scene(null, 1).output(), equalTo(scene("single", 1).output()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void allAddsTheOtherUserGoroutinesWithTheirSimulatedFrames(long seed) {
        String out = scene("all", seed).output();
        assertThat(out, containsString("\ngoroutine 2 [semacquire]:\nmain.waiter(...)\n\tGotracebackTest.java:"));
        assertThat(out, containsString("created by dev.gort.runtime.errors.GotracebackTest in goroutine 1\n"));
        assertThat("runtime frames stay hidden", out, not(containsString("runtime.semacquire")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"system", "2"})
    void systemAddsRuntimeFramesSystemGoroutinesAndFrameAddresses(String level) {
        FatalError e = scene(level, 1);
        String out = e.output();
        assertThat(out, containsString("\ngoroutine 2 [semacquire]:\nruntime.mcall(...)\n\tSwitch.java:"));
        assertThat(out, containsString("runtime.gopark(...)\n\tPark.java:"));
        assertThat(out, containsString("runtime.semacquire(...)\n\tSema.java:"));
        assertThat(out, containsString("main.waiter(...)\n\tGotracebackTest.java:"));
        assertThat(out, containsString(" fp=0x"));
        assertThat(out, containsString("runtime.goexit()\n\tProc.java:"));
        assertThat(e.exitStatus(), equalTo(2));
        assertThat(e.crashed(), equalTo(false));
    }

    @Test
    void crashPrintsAsSystemDoesThenAborts() {
        FatalError crash = scene("crash", 1);
        assertThat(crash.output(), equalTo(scene("system", 1).output()));
        assertThat(crash.exitStatus(), equalTo(134));
        assertThat(crash.crashed(), equalTo(true));
    }

    @Test
    void aThrowShowsRuntimeFramesAndEveryGoroutineEvenAtNone() {
        Config c = Config.defaults().gomaxprocs(1).simulated(1).traceback("none")
                .stderr(new PrintStream(new ByteArrayOutputStream()));
        FatalError e = assertThrows(FatalError.class, () -> Gort.boot(c).run(() -> {
            AtomicBoolean entered = new AtomicBoolean();
            Gort.go(() -> waiter(new Sema(), entered));
            while (!entered.get()) {
                Gort.gosched();
            }
            Mutex.unlock(new Mutex());
        }));
        assertThat(e.output(), startsWith("fatal error: unlock of unlocked lock\n\ngoroutine 1 [running]:\n"
                + "runtime.throw(...)\n"));
        assertThat(e.output(), containsString("\ngoroutine 2 [semacquire]:\n"));
    }

    @Test
    void aFatalErrorListsEveryGoroutineAtTheSetLevel() {
        Config c = Config.defaults().gomaxprocs(1).simulated(1)
                .stderr(new PrintStream(new ByteArrayOutputStream()));
        FatalError single = assertThrows(FatalError.class, () -> Gort.boot(c).run(() -> {
            Gort.go(() -> waiter(new Sema()));
            waiter(new Sema());
        }));
        assertThat(single.output(), startsWith("fatal error: all goroutines are asleep - deadlock!\n"));
        assertThat(single.output(), containsString("\ngoroutine 2 [semacquire]:\nmain.waiter(...)\n"));
        FatalError none = assertThrows(FatalError.class, () -> Gort.boot(c.traceback("none")).run(() -> {
            Gort.go(() -> waiter(new Sema()));
            waiter(new Sema());
        }));
        assertThat(none.output(), equalTo("fatal error: all goroutines are asleep - deadlock!\n"));
    }

    @Test
    void goTracebackIsReadFromTheEnvironmentAtBoot() throws Exception {
        assertThat(childOutput("all"), containsString("\ngoroutine 2 [semacquire]:\nmain.waiter(...)\n"));
        assertThat(childOutput("none"), equalTo("panic: boom\n"));
    }

    /** Runs {@link GotracebackMain} in a JVM of its own with GOTRACEBACK=level; returns what it printed. */
    private static String childOutput(String level) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GotracebackMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GOTRACEBACK", level);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not end within 60 s; it printed: " + out);
        }
        assertThat("child exit code; it printed: " + out, p.exitValue(), equalTo(0));
        return out;
    }
}
