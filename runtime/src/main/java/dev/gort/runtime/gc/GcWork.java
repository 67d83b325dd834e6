package dev.gort.runtime.gc;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.lock.Mutex;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The collector's work: the grey objects waiting to be scanned, the root jobs of this cycle, and
 * the bytes marked so far.
 *
 * <p>Go: mgcwork.go {@code gcWork} and {@code work.full} (the grey queue), mgc.go {@code work}
 * ({@code markrootNext}, {@code markrootJobs}, {@code nwait}, {@code nproc}), and
 * {@code gcController.heapMarked}'s running count.
 *
 * <p>A grey object is one whose mark bit is set and whose pointers have not been scanned; it is
 * pushed here exactly once (by whoever set its mark bit). The queue is one stack under a leaf
 * lock (Go keeps per-P buffers of 512-slot workbufs and a lock-free list of full ones); its array
 * grows and is never shrunk, so a push allocates only when the queue is larger than ever before.
 */
final class GcWork {
    private final Mutex lock = new Mutex();
    private long[] grey = new long[1024];    // guarded by lock
    private int ngrey;                       // guarded by lock

    final AtomicInteger markrootNext = new AtomicInteger(); // next root job to claim
    volatile int markrootJobs;                              // root jobs of this cycle
    final AtomicInteger nworkers = new AtomicInteger();     // mark workers still running
    private final LongAdder marked = new LongAdder();       // bytes marked this cycle

    /** Go: gcWork.put. */
    void put(long obj) {
        lock(lock);
        if (ngrey == grey.length) {
            grey = Arrays.copyOf(grey, grey.length * 2);
        }
        grey[ngrey++] = obj;
        unlock(lock);
    }

    /** Go: gcWork.tryGet. A grey object, or 0 when there is none. */
    long tryGet() {
        lock(lock);
        long obj = ngrey == 0 ? 0 : grey[--ngrey];
        unlock(lock);
        return obj;
    }

    void markedBytes(long n) {
        marked.add(n);
    }

    long marked() {
        return marked.sum();
    }

    /** Go: gcResetMarkState's part. A new cycle with {@code jobs} root jobs. World stopped. */
    void reset(int jobs) {
        marked.reset();
        markrootNext.set(0);
        markrootJobs = jobs;
    }
}
