package dev.gort.chapters.synchronization;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.gort.grader.api.Exercise;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.lock.RWMutex;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/**
 * Chapter 03's visible tests: one small, fast check per exercise, run on your parts.
 * {@code ./workbook check 03} runs them; {@code ./workbook grade 03} adds the hidden ones.
 */
class SynchronizationTest {

    @Test
    @Exercise("mutex")
    void aMutexKeepsACounterExact() {
        long[] counter = new long[1];
        Gort.boot(Chapter03.config("mutex", 2)).run(() -> {
            Mutex mu = new Mutex();
            Sema done = new Sema();
            for (int w = 0; w < 4; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Mutex.lock(mu);
                        counter[0]++;
                        Mutex.unlock(mu);
                    }
                    Sema.semrelease(done);
                });
            }
            for (int w = 0; w < 4; w++) {
                Sema.semacquire(done);
            }
        });
        assertThat("4 goroutines x 2000 increments under the mutex: a lost update means two held it at once",
                counter[0], equalTo(8000L));
    }

    @Test
    @Exercise("note")
    void aWakeupBeforeTheSleepIsNotLost() {
        AtomicBoolean woke = new AtomicBoolean();
        Gort.boot(Chapter03.config("note", 1)).run(() -> {
            Note n = new Note();
            Note.notewakeup(n);
            Switch.systemstack(() -> Note.notesleep(n)); // must return at once: the note is set
            woke.set(true);
        });
        assertThat("notesleep after notewakeup returns at once", woke.get(), is(true));
    }

    @Test
    @Exercise("park")
    void aSemaphoreParksAndReadiesGoroutines() {
        int[] order = new int[1];
        Gort.boot(Chapter03.config("park", 1)).run(() -> {
            Sema s = new Sema();
            Gort.go(() -> {
                order[0] = 1;
                Sema.semrelease(s); // goready the parked main goroutine
            });
            Sema.semacquire(s); // gopark until released
        });
        assertThat("the main goroutine parked, the other ran and readied it", order[0], equalTo(1));
    }

    @Test
    @Exercise("rwmutex")
    void readersShareAndAWriterExcludes() {
        long[] state = new long[2];
        Gort.boot(Chapter03.config("rwmutex", 2)).run(() -> {
            RWMutex rw = new RWMutex();
            Sema done = new Sema();
            for (int w = 0; w < 2; w++) {
                Gort.go(() -> {
                    for (int i = 0; i < 500; i++) {
                        RWMutex.lock(rw);
                        state[0]++;
                        state[1]++;
                        RWMutex.unlock(rw);
                        RWMutex.rlock(rw);
                        RWMutex.runlock(rw);
                    }
                    Sema.semrelease(done);
                });
            }
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
        assertThat("1000 writes under the write lock", state[0], equalTo(1000L));
    }
}
