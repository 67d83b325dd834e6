package dev.gort.bench;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.Type;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The collector's hot paths on one P: mallocgc of a 64-byte pointer-free object, a pointer write
 * with the write barrier off and on, and the mark rate over a live heap, with the longest
 * stop-the-world pause of each collection (measured as the trace measures STWStart..STWDone).
 *
 * <p>Go: malloc_test.go {@code BenchmarkMalloc16} and friends; mbarrier.go's barrier fast path.
 * Targets (issue 11): mallocgc(64) at most 50 ns (Go: about 20 to 50 ns); the barrier off at most
 * 2 ns and on at most 20 ns; a mark rate of at least 100 MB/s on one P; no pause over 5 ms for a
 * 100 MB live heap.
 *
 * <p>How to read them: {@link #mallocgc64Noscan} includes the collections its garbage triggers
 * (GOGC=100 over a 4 MB minimum), as Go's benchmark does; {@link #writeBarrierOn} runs inside a
 * mark ({@code Heap.gcWith}) and writes the same already-marked object, so it measures the
 * barrier's check and shade, not marking; {@link #markLiveHeap} is one whole {@code Gort.gc()} over
 * {@value #LIVE_MB} MB of live 64-byte objects, per MB (so MB/s = 1000 / (ns/op / 1e6)), with the
 * cycle's longest pause as a secondary result.
 */
public class GarbageCollector extends RuntimeBenchmark {
    static final int MALLOCS = 100_000;
    static final int WRITES = 1_000_000;
    static final int LIVE_MB = 100;
    static final Type NODE = new Type("node", 64, 0);

    private long slot;      // a pointer slot in a live object
    private long target;    // what the writes store
    private final Runnable mallocs = this::mallocs;
    private final Runnable writesOff = this::writesOff;
    private final Runnable writesOn = this::writesOn;

    /** Whether unmanaged memory accesses are checked against the region table (the default). */
    @Param({"true", "false"})
    public boolean checked;

    @Override
    int procs() {
        return 1;
    }

    @Override
    Config config() {
        return super.config().checkedMemory(checked);
    }

    /** On the main goroutine, once: the object written to and the one stored (kept in locals). */
    private void objects(Heap heap) {
        if (slot == 0) {
            slot = heap.newobject(NODE);
            heap.locals.set(0, slot);
            target = heap.newobject(NODE);
            heap.locals.set(1, target);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MALLOCS)
    public void mallocgc64Noscan() {
        host.run(mallocs);
    }

    private void mallocs() {
        Heap heap = Gort.current().heap;
        for (int i = 0; i < MALLOCS; i++) {
            heap.mallocgc(64, null, true);
        }
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public void writeBarrierOff() {
        host.run(writesOff);
    }

    private void writesOff() {
        Heap heap = Gort.current().heap;
        objects(heap);
        for (int i = 0; i < WRITES; i++) {
            heap.barrier.writePointer(slot, (i & 1) == 0 ? target : 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public void writeBarrierOn() {
        host.run(writesOn);
    }

    private void writesOn() {
        Heap heap = Gort.current().heap;
        objects(heap);
        heap.gcWith(() -> {
            for (int i = 0; i < WRITES; i++) {
                heap.barrier.writePointer(slot, (i & 1) == 0 ? target : 0);
            }
        });
    }

    /** A live heap of LIVE_MB MB, built once, and each collection's longest pause. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class LiveHeap {
        /** The longest stop-the-world pause of any collection so far, in microseconds. */
        public double maxPauseMicros;
        private final Runnable collect = () -> {
            Gort.gc();
            long ns = Gort.current().readHeapStats().lastPauseNs();
            maxPauseMicros = Math.max(maxPauseMicros, ns / 1000.0);
        };

        @Setup(Level.Trial)
        public void build(GarbageCollector b) {
            b.host.run(() -> {
                Heap heap = Gort.current().heap;
                heap.locals.set(2, 0);
                long n = LIVE_MB * (1L << 20) / NODE.size;
                for (long i = 0; i < n; i++) {
                    long x = heap.newobject(NODE);
                    heap.barrier.writePointer(x, heap.locals.get(2));
                    heap.locals.set(2, x);
                }
                Gort.gc();
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(LIVE_MB)
    public void markLiveHeap(LiveHeap live) {
        host.run(live.collect);
    }
}
