package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
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

    @Test
    void semacquireOnTheSystemStackThrows() {
        FatalError e = Goroutines.death(1, () -> dev.gort.runtime.Switch.systemstack(() -> Sema.semacquire(new Sema(1))));
        assertThat(e.getMessage(), equalTo("semacquire not on the G stack"));
    }
}
