package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runtime mutex under real contention: Ms really sleep on the futex and are really woken. */
class MutexTest {

    @ParameterizedTest(name = "GOMAXPROCS={0}")
    @ValueSource(ints = {2, 4})
    void mutualExclusionUnderContention(int procs) {
        int workers = 8;
        int each = 20_000;
        long[] counter = new long[1]; // plain: only the mutex's holder touches it
        Goroutines.run(procs, () -> {
            Mutex mu = new Mutex();
            Sema done = new Sema();
            for (int w = 0; w < workers; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < each; i++) {
                        Mutex.lock(mu);
                        counter[0]++;
                        Mutex.unlock(mu);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int w = 0; w < workers; w++) {
                Sema.semacquire(done);
            }
        });
        assertThat(counter[0], equalTo((long) workers * each));
    }
}
