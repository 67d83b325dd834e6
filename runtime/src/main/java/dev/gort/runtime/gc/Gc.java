package dev.gort.runtime.gc;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.lock.Park;
import dev.gort.runtime.sched.World;
import dev.gort.runtime.trace.Tracer;

/**
 * One garbage-collection cycle, from the trigger to sweeping.
 *
 * <p>Go: mgc.go {@code gcStart}, {@code gcBgMarkWorker}, {@code gcMarkDone},
 * {@code gcMarkTermination}, {@code gcSweep}, {@code GC}; mgcsweep.go {@code bgsweep};
 * mgcpacer.go's heap goal ({@code GOGC}, {@code heapMinimum}).
 *
 * <p>The cycle, in Go's order:
 * <ol>
 * <li><b>Sweep termination</b> (world stopped): finish sweeping the last cycle's spans; reset
 *     the mark state (every stack grey, this cycle's root jobs); turn the write barrier on and
 *     enter {@code _GCmark}. From now on new objects are allocated black.</li>
 * <li><b>Concurrent mark</b>: one mark worker goroutine per P runs root jobs and scans grey
 *     objects, yielding its P every few dozen objects so that mutators run beside it. Mutators'
 *     pointer writes go through the barrier; a goroutine scans its own stack at its first stack
 *     write of the cycle if no worker got to it first.</li>
 * <li><b>Mark termination</b> (world stopped), by the last worker to run out of work: scan stacks
 *     still grey, drain what the barrier queued meanwhile (Go instead restarts concurrent mark
 *     until a ragged barrier finds no work; gort finishes it here), run checkmark if it is on,
 *     turn the barrier off, flush every mcache, set the next goal, and move sweepgen on: every
 *     span now needs sweeping.</li>
 * <li><b>Sweep</b>, concurrently: a background sweeper goroutine, and mcentral.cacheSpan sweeping
 *     the spans it hands out.</li>
 * </ol>
 * The next cycle starts when heapLive (bytes in spans handed to mcaches since the last mark, plus
 * the bytes it found live) reaches the goal: heapMarked × (1 + GOGC/100), at least 4 MB.
 */
public final class Gc {
    private Gc() {}

    static final long HEAP_MINIMUM = 4L << 20; // Go: heapMinimum at GOGC=100
    private static final int DRAIN_BUDGET = 64; // objects a worker scans between yields

    /** Starts a cycle if the heap reached its goal. Called by mallocgc before it allocates. */
    static void maybeStart(Heap heap) {
        if (heap.triggered && heap.gcphase == Heap._GCoff) {
            start(heap);
        }
    }

    // tag::gcStart[]
    /**
     * Go: gcStart. Sweep termination and the start of concurrent mark; then the
     * mark workers.
     */
    static void start(Heap heap) {
        if (beginMark(heap)) {
            startWorkers(heap);
        }
    }
    // end::gcStart[]

    /** Sweep termination and the switch to _GCmark, with the world stopped; false if lost a race. */
    private static boolean beginMark(Heap heap) {
        Gort rt = Gort.current();
        boolean[] started = {false};
        World.stopTheWorld(() -> {
            if (heap.gcphase != Heap._GCoff) {
                return; // another goroutine started this cycle first
            }
            long t0 = rt.os.nanotime();
            while (heap.sweepone()) {
                // Go: finishsweep_m
            }
            heap.triggered = false;
            heap.resetMarkState();
            heap.gcphase = Heap._GCmark;
            heap.writeBarrierEnabled = true;
            trace(rt, Tracer.GC_START, heap.stats.numGC + 1);
            heap.stats.pause(rt.os.nanotime() - t0, true);
            started[0] = true;
        });
        return started[0];
    }

    /** Go: gcBgMarkStartWorkers. One mark worker goroutine per P. */
    private static void startWorkers(Heap heap) {
        int n = Gort.gomaxprocs(0);
        heap.work.nworkers.set(n);
        for (int i = 0; i < n; i++) {
            Gort.go(() -> markWorker(heap));
        }
    }

    /** See {@link Heap#gcWith}. */
    static void gcWith(Heap heap, Runnable duringMark) {
        long n = heap.stats.numGC;
        if (heap.gcphase != Heap._GCoff) {
            waitCycle(heap, n + 1);
            n = heap.stats.numGC;
        }
        if (!beginMark(heap)) {
            throw new IllegalStateException("gcWith: another goroutine started a cycle meanwhile");
        }
        for (int job; (job = heap.work.markrootNext.getAndIncrement()) < heap.work.markrootJobs; ) {
            heap.marker.markroot(job);
        }
        duringMark.run();
        startWorkers(heap);
        waitCycle(heap, n + 1);
        while (heap.sweepone()) {
            // as Gort.gc
        }
    }

    // tag::markWorker[]
    /**
     * Go: gcBgMarkWorker. Drains mark work, yielding often; the last one to run
     * out of work terminates the mark.
     */
    private static void markWorker(Heap heap) {
        while (heap.mark.drain(DRAIN_BUDGET)) {
            Gort.gosched();
        }
        if (heap.work.nworkers.decrementAndGet() == 0) {
            markTermination(heap);
        }
    }
    // end::markWorker[]

    /** Go: gcMarkDone + gcMarkTermination + gcSweep. */
    private static void markTermination(Heap heap) {
        Gort rt = Gort.current();
        World.stopTheWorld(() -> {
            long t0 = rt.os.nanotime();
            heap.gcphase = Heap._GCmarktermination;
            heap.mark.finish(heap.stackJobs());
            heap.writeBarrierEnabled = false;
            heap.gcphase = Heap._GCoff;
            for (MCache c : heap.caches()) {
                if (c != null) {
                    c.releaseAll();
                }
            }
            heap.endCycle(HEAP_MINIMUM);
            heap.nextSweepgen();
            trace(rt, Tracer.GC_DONE, heap.stats.numGC);
            heap.stats.pause(rt.os.nanotime() - t0, false);
        });
        wakeWaiters(heap);
        Gort.go(() -> bgsweep(heap));
    }

    /** Go: bgsweep. Sweeps the cycle's spans in the background, yielding between spans. */
    private static void bgsweep(Heap heap) {
        long sg = heap.sweepgen();
        while (heap.sweepgen() == sg && heap.sweepone()) {
            Gort.gosched();
        }
    }

    private static void trace(Gort rt, int event, long cycle) {
        if (rt.tracing) {
            M mp = Switch.getm();
            rt.tracer.event(mp, event, 0, mp.p == null ? -1 : mp.p.id, cycle);
        }
    }

    // tag::GC[]
    /**
     * Go: runtime.GC. Runs a full cycle — waiting for one in progress to finish
     * first, since it began before this call — and sweeps everything before
     * returning.
     */
    public static void gc(Heap heap) {
        long n = heap.stats.numGC;
        if (heap.gcphase != Heap._GCoff) {
            waitCycle(heap, n + 1);
            n = heap.stats.numGC;
        }
        start(heap);
        waitCycle(heap, n + 1);
        while (heap.sweepone()) {
            // Go: sweep everything so that MemStats are exact
        }
    }
    // end::GC[]

    /** Parks the current goroutine until cycle number n has finished its mark. */
    private static void waitCycle(Heap heap, long n) {
        for (;;) {
            lock(heap.cycleLock);
            if (heap.stats.numGC >= n) {
                unlock(heap.cycleLock);
                return;
            }
            heap.cycleWaiters.pushBack(Switch.getg());
            Park.goparkunlock(heap.cycleLock, WaitReason.WAIT_FOR_GC_CYCLE);
        }
    }

    private static void wakeWaiters(Heap heap) {
        for (;;) {
            lock(heap.cycleLock);
            G gp = heap.cycleWaiters.pop();
            unlock(heap.cycleLock);
            if (gp == null) {
                return;
            }
            Park.goready(gp);
        }
    }
}
