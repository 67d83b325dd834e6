package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.Park;
import dev.gort.runtime.lock.Parking;
import dev.gort.runtime.lock.RWMutex;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
import dev.gort.runtime.part.ParkPart;
import dev.gort.runtime.part.Parts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A program's mistakes with the runtime end in a report that says what was wrong, never a hang. */
class MisuseTest {

    static Stream<Arguments> entryPoints() {
        Mutex l = new Mutex();
        Note n = new Note();
        RWMutex rw = new RWMutex();
        Sema s = new Sema(1);
        return Stream.of(
                call("Gort.go", () -> Gort.go(() -> { })),
                call("Gort.gosched", Gort::gosched),
                call("Gort.goexit", Gort::goexit),
                call("Gort.getg", Gort::getg),
                call("Gort.current", Gort::current),
                call("Gort.syscall", () -> Gort.syscall(() -> { })),
                call("Gort.syscallBlock", () -> Gort.syscallBlock(() -> { })),
                call("Gort.entersyscall", Gort::entersyscall),
                call("Gort.entersyscallblock", Gort::entersyscallblock),
                call("Gort.exitsyscall", Gort::exitsyscall),
                call("Gort.gopark", () -> Gort.gopark((gp, lock) -> true, null, WaitReason.ZERO)),
                call("Gort.goready", () -> Gort.goready(G.malgSystem(null))),
                call("Gort.gomaxprocs", () -> Gort.gomaxprocs(0)),
                call("Gort.numGoroutine", Gort::numGoroutine),
                call("Gort.checkPreempt", Gort::checkPreempt),
                call("Park.gopark", () -> Park.gopark((gp, lock) -> true, null, WaitReason.ZERO)),
                call("Park.goparkunlock", () -> Park.goparkunlock(l, WaitReason.ZERO)),
                call("Park.goready", () -> Park.goready(G.malgSystem(null))),
                call("Mutex.lock", () -> Mutex.lock(l)),
                call("Mutex.unlock", () -> Mutex.unlock(l)),
                call("Note.noteclear", () -> Note.noteclear(n)),
                call("Note.notewakeup", () -> Note.notewakeup(n)),
                call("Note.notesleep", () -> Note.notesleep(n)),
                call("Note.notetsleep", () -> Note.notetsleep(n, 1)),
                call("Note.notetsleepg", () -> Note.notetsleepg(n, 1)),
                call("RWMutex.rlock", () -> RWMutex.rlock(rw)),
                call("RWMutex.runlock", () -> RWMutex.runlock(rw)),
                call("RWMutex.lock", () -> RWMutex.lock(rw)),
                call("RWMutex.unlock", () -> RWMutex.unlock(rw)),
                call("Sema.semacquire", () -> Sema.semacquire(s)),
                call("Sema.semrelease", () -> Sema.semrelease(s)),
                call("Sema.semrelease1", () -> Sema.semrelease1(s, true)),
                call("Switch.mcall", () -> Switch.mcall((mp, gp) -> true)),
                call("Switch.systemstack", () -> Switch.systemstack(() -> { })),
                call("M.acquirem", M::acquirem));
    }

    private static Arguments call(String name, Executable e) {
        return Arguments.of(name, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void everyEntryPointCalledFromAPlainThreadSaysWhichCallAndWhatItExpected(String name, Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertThat(e.getMessage(), startsWith(name + " called"));
        assertThat(e.getMessage(), containsString("start code with Gort.run"));
    }

    @Test
    void aNullWaitReasonIsRefusedAtTheCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Goroutines.run(1, () -> Park.gopark((gp, lock) -> true, null, null)));
        assertThat(e.getMessage(), startsWith("Park.gopark: reason must not be null"));
    }

    /**
     * A park part that loses the wait reason (a student's slip): the deadlock report then fails
     * while it prints the parked goroutine. Dying must still end the run and report the deadlock.
     */
    @Test
    void anErrorWhileReportingADeathStillEndsTheRunWithTheFirstError() {
        ParkPart reference = new Parking();
        ParkPart losesReason = new ParkPart() {
            @Override
            public void gopark(M mp, UnlockFunc unlockf, Object lock, WaitReason reason) {
                reference.gopark(mp, unlockf, lock, null);
            }

            @Override
            public void ready(M mp, G gp, boolean next) {
                reference.ready(mp, gp, next);
            }
        };
        FatalError e = assertThrows(FatalError.class, () -> Gort.boot(Config.defaults().gomaxprocs(1)
                .stderr(Goroutines.quiet()).parts(Parts.reference().park(losesReason))).run(() -> {
                    Sema never = new Sema();
                    Sema.semacquire(never);
                }));
        assertThat(e.getMessage(), equalTo("all goroutines are asleep - deadlock!"));
        assertThat(e.output(), startsWith("fatal error: all goroutines are asleep - deadlock!\n"));
        assertThat(e.output(), containsString("panic during panic\nruntime: java.lang.NullPointerException"));
        assertThat(e.getSuppressed(), arrayWithSize(1));
        assertThat(e.getSuppressed()[0], instanceOf(NullPointerException.class));
    }

    /**
     * Two goroutines make the same fatal mistake at once on two Ps: the first error is the one
     * reported, and a second one that comes while the first is being printed is noted after it.
     */
    @Test
    void aSecondFatalErrorOnAnotherMIsNotedAfterTheFirst() {
        int[] noted = new int[1];
        SeedSweep.run("two fatal errors at once", 40, seed -> {
            FatalError e = assertThrows(FatalError.class, () -> Simulated.boot(2, seed).run(() -> {
                Uint32 arrived = new Uint32();
                for (int i = 0; i < 2; i++) {
                    Gort.go(() -> {
                        arrived.add(1);
                        while (arrived.load() != 2) {
                            // both on a P at once
                        }
                        Gort.go(null);
                    });
                }
                Sema.semacquire(new Sema());
            }));
            assertThat(e.getMessage(), equalTo("go of nil func value"));
            if (e.output().contains("runtime: a second fatal error while dying")) {
                assertThat(e.output(), containsString("the first one is reported above):\n"
                        + "fatal error: go of nil func value (on M"));
                assertThat(e.getSuppressed(), arrayWithSize(1));
                noted[0]++;
            }
        });
        assertThat("seeds where the second error came while the first was printed", noted[0], greaterThan(0));
    }

    /** Waits in a Java monitor until {@code flag[0]}; never tells the runtime. */
    private static void waitOutside(Object mon, boolean[] flag) throws InterruptedException {
        synchronized (mon) {
            while (!flag[0]) {
                mon.wait();
            }
        }
    }

    private static void notifyOutside(Object mon, boolean[] flag) {
        synchronized (mon) {
            flag[0] = true;
            mon.notifyAll();
        }
    }

    /**
     * At GOMAXPROCS=1 a goroutine waits in Object.wait, without Gort.syscall, for one that is
     * queued behind it: sysmon sees the M blocked outside the runtime, hands its P off so that the
     * other goroutine runs, and warns once with the waiter's frames. Twice, to see the one warning.
     */
    @Test
    void aGoroutineWaitingInAJavaMonitorDoesNotStopTheOthersAtGomaxprocsOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(1).stderr(new PrintStream(err, true, UTF_8)));
        Goroutines.run(rt, () -> {
            for (int round = 0; round < 2; round++) {
                Object mon = new Object();
                boolean[] notified = {false};
                Gort.go(() -> notifyOutside(mon, notified));
                waitOutside(mon, notified);
                // Back in the runtime: this goroutine gets a P again.
                Sema done = new Sema();
                Gort.go(() -> Sema.semrelease(done));
                Sema.semacquire(done);
            }
        });
        String printed = err.toString(UTF_8);
        assertThat(printed, containsString("runtime: goroutine 1 blocked M"));
        assertThat(printed, containsString("at java.base/java.lang.Object.wait"));
        assertThat(printed, containsString("MisuseTest.waitOutside"));
        assertThat("warned once", printed.split("outside the runtime", -1).length, equalTo(2));
        assertThat(rt.stats().handoffs(), greaterThanOrEqualTo(2L));
    }

    @Test
    void onTheSimulatedOsAGoroutineWaitingInAJavaMonitorIsASimulationError() {
        Object mon = new Object();
        boolean[] never = {false};
        FatalError e = assertThrows(FatalError.class, () -> Simulated.boot(1, 3).run(() -> {
            try {
                waitOutside(mon, never); // every M shares the host thread: nobody can notify
            } catch (InterruptedException ie) {
                throw new AssertionError(ie);
            }
        }));
        notifyOutside(mon, never); // let the host thread go, to find its process gone
        assertThat(e.getMessage(), startsWith("simulation: goroutine 1 blocked M0's thread outside the"
                + " runtime"));
        assertThat(e.getMessage(), containsString("(seed 3)"));
        assertThat(e.output(), containsString("where goroutine 1 waits:"));
        assertThat(e.output(), containsString("at java.base/java.lang.Object.wait"));
    }
}
