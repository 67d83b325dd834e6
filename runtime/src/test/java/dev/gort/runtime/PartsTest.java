package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.lock.LockFutex;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.part.MutexPart;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.part.RunQueuePart;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.sched.RunQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A runtime runs the parts its Config names, and only those; an unwritten part says so. */
class PartsTest {

    /** A mutex part that counts, then does what the reference does. */
    static final class CountingMutex implements MutexPart {
        final AtomicLong locks = new AtomicLong();
        private final LockFutex ref = new LockFutex();

        @Override
        public void lock2(Mutex l) {
            locks.incrementAndGet();
            ref.lock2(l);
        }

        @Override
        public void unlock2(Mutex l) {
            ref.unlock2(l);
        }
    }

    @Test
    void aSwappedPartRunsInsideTheFullRuntime() {
        CountingMutex mutex = new CountingMutex();
        AtomicLong queues = new AtomicLong();
        Parts parts = Parts.reference().mutex(mutex).runq(pp -> {
            queues.incrementAndGet();
            return new RunQueue(pp);
        });
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(2).parts(parts).stderr(Goroutines.quiet()));
        Goroutines.run(rt, () -> {
            Sema done = new Sema();
            for (int i = 0; i < 1000; i++) {
                Gort.go(() -> Sema.semrelease(done));
            }
            for (int i = 0; i < 1000; i++) {
                Sema.semacquire(done);
            }
        });
        assertThat("the runtime's own locks went through the swapped mutex", mutex.locks.get(), greaterThan(0L));
        assertThat("each P got its run queue from the part's factory", queues.get(), equalTo(2L));
    }

    @Test
    void anUnwrittenPartKillsTheRuntimeWithItsTodo() {
        Parts stub = Parts.reference().runq(pp -> new TodoRunQueue());
        FatalError e = assertThrows(FatalError.class, () ->
                Gort.boot(Config.defaults().gomaxprocs(1).parts(stub).stderr(Goroutines.quiet())).run(() -> { }));
        assertThat(e.getMessage(), equalTo("TODO runqput: put gp in runnext or at the tail (book: scheduler#runqput)"));
    }

    /** What the stub generator makes of RunQueue: every region replaced by a Todo. */
    static final class TodoRunQueue implements RunQueuePart {
        private static Todo todo(String what) {
            return new Todo(what, "put gp in runnext or at the tail", "scheduler#" + what);
        }

        @Override
        public void runqput(G gp, boolean next) {
            throw todo("runqput");
        }

        @Override
        public G runqget() {
            throw todo("runqget");
        }

        @Override
        public boolean inheritTime() {
            return false;
        }

        @Override
        public int runqgrab(G[] batch, int batchHead, boolean stealRunNextG) {
            throw todo("runqgrab");
        }

        @Override
        public G runqsteal(RunQueuePart victim, boolean stealRunNextG) {
            throw todo("runqsteal");
        }

        @Override
        public boolean runqempty() {
            throw todo("runqempty");
        }

        @Override
        public int size() {
            return 0;
        }
    }

    @Test
    void nullPartsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parts.reference().mutex(null));
        assertThat(e.getMessage(), containsString("part mutex must not be null"));
    }
}
