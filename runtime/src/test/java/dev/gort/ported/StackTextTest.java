package dev.gort.ported;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.os.SeedSweep;
import org.junit.jupiter.api.Test;

/**
 * Gort.stack, Go's runtime.Stack: headers with status and wait reason, the caller's frames, and
 * with all=true exactly the goroutines NumGoroutine counts (Go: TestNumGoroutine). In a package
 * of its own, outside dev.gort.runtime, so that its frames count as a program's, not the runtime's.
 */
class StackTextTest {

    /** Go's TestNumGoroutine: every "goroutine " in Stack(all) is one goroutine NumGoroutine counts. */
    static int goroutinesInStack(String stack) {
        String s = stack.replace("in goroutine", "");
        int n = 0;
        for (int i = s.indexOf("goroutine "); i >= 0; i = s.indexOf("goroutine ", i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void theCallersStackStartsWithItsHeaderAndShowsItsFrames() {
        String[] out = new String[1];
        Goroutines.run(1, () -> out[0] = callerFrame());
        assertThat(out[0], startsWith("goroutine 1 [running]:\n"));
        assertThat(out[0], containsString("dev.gort.ported.StackTextTest.callerFrame(...)\n\tStackTextTest.java:"));
        assertThat("the main goroutine is the runtime's", out[0], not(containsString("created by")));
    }

    private static String callerFrame() {
        return Gort.stack(false);
    }

    @Test
    void stackOfAllShowsEveryGoroutineWithItsWaitReasonAsNumGoroutineCountsThem() {
        SeedSweep.run("Stack(all) agrees with NumGoroutine", 10, seed -> {
            String[] out = new String[1];
            int[] n = new int[1];
            Goroutines.run(Simulated.boot(2, seed), () -> {
                Sema never = new Sema();
                Sema ready = new Sema();
                for (int i = 0; i < 3; i++) {
                    Gort.go(() -> {
                        Sema.semrelease(ready);
                        Sema.semacquire(never);
                    });
                }
                Gort.go(() -> {
                    Sema.semrelease(ready);
                    Gort.sleep(1_000_000_000L);
                });
                Gort.go(() -> {
                    Gort.lockOSThread();
                    Sema.semrelease(ready);
                    Gort.sleep(1_000_000_000L);
                });
                for (int i = 0; i < 5; i++) {
                    Sema.semacquire(ready);
                }
                Gort.sleep(1_000_000); // all five are parked by now
                n[0] = Gort.numGoroutine();
                out[0] = Gort.stack(true);
            });
            assertThat(out[0], startsWith("goroutine 1 [running]:\n"));
            assertThat(goroutinesInStack(out[0]), equalTo(n[0]));
            assertThat(n[0], equalTo(6));
            assertThat(out[0], matchesPattern("(?s).*\ngoroutine \\d+ \\[semacquire\\]:\n.*"));
            assertThat(out[0], matchesPattern("(?s).*\ngoroutine \\d+ \\[sleep\\]:\n.*"));
            assertThat(out[0], matchesPattern("(?s).*\ngoroutine \\d+ \\[sleep, locked to thread\\]:\n.*"));
            assertThat(out[0], matchesPattern("(?s).*\ncreated by \\S+ in goroutine 1\n.*"));
        });
    }

    @Test
    void stackOfAllOnTheRealOs() {
        String[] out = new String[1];
        int[] n = new int[1];
        Goroutines.run(2, () -> {
            Sema ready = new Sema();
            for (int i = 0; i < 4; i++) {
                Gort.go(() -> {
                    Sema.semrelease(ready);
                    Gort.sleep(50_000_000L);
                });
            }
            for (int i = 0; i < 4; i++) {
                Sema.semacquire(ready);
            }
            for (int tries = 0; tries < 10; tries++) { // as Go's test: racy by nature, so retried
                Gort.gosched();
                n[0] = Gort.numGoroutine();
                out[0] = Gort.stack(true);
                if (goroutinesInStack(out[0]) == n[0]) {
                    break;
                }
            }
        });
        assertThat(goroutinesInStack(out[0]), equalTo(n[0]));
    }
}
