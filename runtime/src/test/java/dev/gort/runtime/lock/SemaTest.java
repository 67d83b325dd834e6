package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.os.SeedSweep;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** semacquire/semrelease: no lost wakeups, and it counts. */
class SemaTest {

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2, 4})
    void aSemaphoreUsedAsALockKeepsACounterExact(int procs) {
        int workers = 16;
        int each = 2_000;
        int[] counter = new int[1]; // plain: only the holder of the semaphore touches it
        Goroutines.run(procs, () -> {
            Sema mu = new Sema(1);
            Sema done = new Sema();
            for (int w = 0; w < workers; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < each; i++) {
                        Sema.semacquire(mu);
                        counter[0]++;
                        Sema.semrelease(mu);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int w = 0; w < workers; w++) {
                Sema.semacquire(done);
            }
        });
        assertThat(counter[0], equalTo(workers * each));
    }

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void releasesBeforeAcquiresAreKept(int procs) {
        AtomicInteger got = new AtomicInteger();
        Goroutines.run(procs, () -> {
            Sema s = new Sema();
            for (int i = 0; i < 5; i++) {
                Sema.semrelease(s);
            }
            assertThat(s.count(), equalTo(5));
            for (int i = 0; i < 5; i++) {
                Sema.semacquire(s);
                got.incrementAndGet();
            }
            assertThat(s.count(), equalTo(0));
        });
        assertThat(got.get(), equalTo(5));
    }

    /**
     * Go: sema_test.go TestSemaHandoff and TestSemaHandoff1. A release with hand-off followed at
     * once by a CAS in both the releaser and the waiter: the waiter's must come first in at least
     * two thirds of the tries. Busy goroutines keep the other Ps occupied so that the releaser
     * cannot win by running on another CPU.
     */
    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {1, 2})
    void aHandoffReleaseLetsTheWaiterRunFirst(int procs) {
        int iter = 300;
        SeedSweep.run("semrelease1 hand-off at GOMAXPROCS=" + procs, 3, seed -> {
            int[] ok = new int[1];
            Goroutines.run(Simulated.boot(procs, seed), () -> {
                for (int i = 0; i < iter; i++) {
                    if (waiterRunsFirst(procs)) {
                        ok[0]++;
                    }
                }
            });
            assertThat("direct hand-offs out of " + iter, ok[0], greaterThanOrEqualTo(iter * 2 / 3));
        });
    }

    private static boolean waiterRunsFirst(int procs) {
        Sema sema = new Sema();
        Uint32 res = new Uint32();
        Uint32 done = new Uint32();
        Sema finished = new Sema();
        for (int i = 0; i < procs; i++) {
            Gort.go(() -> {
                while (done.load() == 0) {
                    Gort.gosched();
                }
                Sema.semrelease(finished);
            });
        }
        Gort.go(() -> {
            Sema.semacquire(sema);
            res.cas(0, 1);
            Sema.semrelease1(sema, true);
            done.store(1);
            Sema.semrelease(finished);
        });
        while (sema.nwait() == 0) {
            Gort.gosched(); // wait for the goroutine to block in semacquire
        }
        // The crux: release with hand-off, then CAS here and in the waiter; the waiter should win.
        Sema.semrelease1(sema, true);
        res.cas(0, 2);
        for (int i = 0; i < procs + 1; i++) {
            Sema.semacquire(finished);
        }
        return res.load() == 1;
    }

    @Test
    void theWaiterCountFollowsParkedAcquirers() {
        Goroutines.run(Simulated.boot(2, 5), () -> {
            Sema s = new Sema();
            Sema started = new Sema();
            for (int i = 0; i < 3; i++) {
                Gort.go(() -> {
                    Sema.semrelease(started);
                    Sema.semacquire(s);
                });
            }
            for (int i = 0; i < 3; i++) {
                Sema.semacquire(started);
            }
            while (s.nwait() != 3) {
                Gort.gosched();
            }
            Sema.semrelease(s);
            assertThat("a release takes one waiter off", s.nwait(), equalTo(2));
            Sema.semrelease(s);
            Sema.semrelease(s);
            assertThat(s.nwait(), equalTo(0));
        });
    }

    @Test
    void semacquireOnTheSystemStackThrows() {
        FatalError e = Goroutines.death(1, () -> dev.gort.runtime.Switch.systemstack(() -> Sema.semacquire(new Sema(1))));
        assertThat(e.getMessage(), equalTo("semacquire not on the G stack"));
    }
}
