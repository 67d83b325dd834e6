package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import org.junit.jupiter.api.Test;

/** How a runtime dies: Go's exact messages, a report of the goroutines, and the JVM going on. */
class DeathTest {

    @Test
    void allGoroutinesAsleepIsADeadlock() {
        FatalError e = Goroutines.death(2, () -> {
            Sema never = new Sema();
            Gort.go(() -> Sema.semacquire(never));
            Sema.semacquire(never);
        });
        assertThat(e.getMessage(), equalTo("all goroutines are asleep - deadlock!"));
        assertThat(e.kind(), equalTo(FatalError.Kind.FATAL));
        assertThat(e.output(), startsWith("fatal error: all goroutines are asleep - deadlock!\n"));
        assertThat("the report lists the blocked goroutines with their wait reason",
                e.output(), containsString("goroutine 1 [semacquire]:"));
    }

    @Test
    void mainCallingGoexitWithNothingLeftIsADeadlock() {
        FatalError e = Goroutines.death(1, Gort::goexit);
        assertThat(e.getMessage(), equalTo("no goroutines (main called runtime.Goexit) - deadlock!"));
    }

    @Test
    void mainCallingGoexitLetsTheOthersFinishFirst() {
        int[] ran = new int[1];
        FatalError e = Goroutines.death(1, () -> {
            Gort.go(() -> ran[0]++);
            Gort.goexit();
        });
        assertThat(ran[0], equalTo(1));
        assertThat(e.getMessage(), equalTo("no goroutines (main called runtime.Goexit) - deadlock!"));
    }

    @Test
    void goexitRunsFinallyBlocksLikeDeferredCalls() {
        boolean[] deferred = new boolean[1];
        Goroutines.run(1, () -> {
            Sema done = new Sema();
            Gort.go(() -> {
                try {
                    Gort.goexit();
                } finally {
                    deferred[0] = true;
                    Sema.semrelease(done);
                }
            });
            Sema.semacquire(done);
        });
        assertThat(deferred[0], equalTo(true));
    }

    @Test
    void anExceptionEscapingAGoroutineIsAnUnrecoveredPanic() {
        FatalError e = Goroutines.death(1, () -> {
            Sema never = new Sema();
            Gort.go(() -> {
                throw new IllegalStateException("boom");
            });
            Sema.semacquire(never);
        });
        assertThat(e.kind(), equalTo(FatalError.Kind.PANIC));
        assertThat(e.output(), startsWith("panic: java.lang.IllegalStateException: boom\n"));
        assertThat(e.output(), containsString("goroutine 2 [running]:"));
        assertThat(e.getCause().getMessage(), equalTo("boom"));
    }

    @Test
    void goOfNilFuncIsFatal() {
        FatalError e = Goroutines.death(1, () -> Gort.go(null));
        assertThat(e.getMessage(), equalTo("go of nil func value"));
    }

    @Test
    void readyingARunningGoroutineThrows() {
        FatalError e = Goroutines.death(1, () -> Gort.goready(Gort.getg()));
        assertThat(e.getMessage(), equalTo("bad g->status in ready"));
        assertThat(e.kind(), equalTo(FatalError.Kind.THROW));
        assertThat(e.output(), containsString("runtime: gp: gp=goroutine 1 [running]"));
    }

    @Test
    void parkingWhileHoldingARuntimeLockThrows() {
        Mutex mu = new Mutex();
        FatalError e = Goroutines.death(1, () -> {
            Mutex.lock(mu);
            Gort.gopark(null, null, WaitReason.SLEEP);
        });
        assertThat(e.getMessage(), equalTo("schedule: holding locks"));
    }

    @Test
    void unlockingAnUnlockedLockThrows() {
        FatalError e = Goroutines.death(1, () -> Mutex.unlock(new Mutex()));
        assertThat(e.getMessage(), equalTo("unlock of unlocked lock"));
    }

    @Test
    void notesleepOffG0Throws() {
        FatalError e = Goroutines.death(1, () -> Note.notesleep(new Note()));
        assertThat(e.getMessage(), equalTo("notesleep not on g0"));
    }

    @Test
    void notewakeupTwiceThrows() {
        FatalError e = Goroutines.death(1, () -> {
            Note n = new Note();
            Note.notewakeup(n);
            Note.notewakeup(n);
        });
        assertThat(e.getMessage(), equalTo("notewakeup - double wakeup"));
        assertThat(e.output(), startsWith("notewakeup - double wakeup (1)\nfatal error: notewakeup - double wakeup\n"));
    }

    @Test
    void aRuntimeRunsOneProgram() {
        Gort rt = Goroutines.boot(1);
        rt.run(() -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.run(() -> { }));
        assertThat(e.getMessage(), containsString("boot a new one"));
    }

    @Test
    void runFromInsideAGoroutineIsRefused() {
        Goroutines.run(1, () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Goroutines.boot(1).run(() -> { }));
            assertThat(e.getMessage(), containsString("Gort.run called from inside a goroutine"));
        });
    }

    @Test
    void badConfigIsRefusedWithTheArgumentNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.defaults().gomaxprocs(0));
        assertThat(e.getMessage(), containsString("gomaxprocs must be at least 1, got 0"));
    }
}
