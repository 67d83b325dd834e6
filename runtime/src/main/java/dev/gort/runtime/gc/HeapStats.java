package dev.gort.runtime.gc;

import java.util.concurrent.atomic.LongAdder;

/**
 * The collector's counters: Go's heap statistics ({@code heapLive}, {@code heapMarked}, mallocs
 * and frees) and gort's count of bytes cleared by each kind of zeroing, which is how the workbook
 * shows a zeroing that was skipped or done twice.
 *
 * <p>Go: mstats.go ({@code heapStatsDelta}, {@code MemStats.Mallocs/Frees/HeapAlloc/NumGC/
 * PauseNs}), mgcpacer.go ({@code heapLive}, {@code heapMarked}, {@code heapGoal}).
 *
 * <p>Counters are {@link LongAdder}s (never a scheduling point on the simulated OS, so counting
 * does not change a seed's run); {@code heapLive} moves at span granularity, as in Go.
 */
public final class HeapStats {
    final LongAdder heapLive = new LongAdder();       // bytes in spans handed to mcaches, large objects
    final LongAdder mallocs = new LongAdder();        // objects allocated
    final LongAdder frees = new LongAdder();          // objects freed by sweeping
    final LongAdder bytesFreed = new LongAdder();
    final LongAdder bytesAllocated = new LongAdder();
    final LongAdder zeroedNoHeapPointers = new LongAdder(); // memclrNoHeapPointers bytes
    final LongAdder zeroedHasPointers = new LongAdder();    // bytes cleared behind barriers
    final LongAdder barriers = new LongAdder();       // pointer writes that ran the barrier
    volatile long heapMarked;                         // bytes marked by the last cycle
    volatile long numGC;                              // completed cycles
    volatile long pauseTotalNs;                       // stop-the-world time, all cycles
    volatile long lastPauseNs;                        // the longest pause of the last cycle

    void addLive(long n) {
        heapLive.add(n);
    }

    /** Records a stop-the-world pause; {@code first} for a cycle's first one. */
    void pause(long ns, boolean first) {
        pauseTotalNs += ns;
        lastPauseNs = first ? ns : Math.max(lastPauseNs, ns);
    }

    void freed(long n, long bytes) {
        frees.add(n);
        bytesFreed.add(bytes);
    }

    /** A snapshot, as Go's MemStats reports the heap. */
    public Snapshot snapshot() {
        long m = mallocs.sum();
        long f = frees.sum();
        return new Snapshot(bytesAllocated.sum() - bytesFreed.sum(), heapLive.sum(), heapMarked,
                m, f, m - f, numGC, pauseTotalNs, lastPauseNs, zeroedNoHeapPointers.sum(),
                zeroedHasPointers.sum(), barriers.sum());
    }

    /**
     * The heap's statistics at one moment.
     *
     * @param heapAlloc      bytes of allocated objects not yet freed by sweeping (Go: HeapAlloc)
     * @param heapLive       Go's gcController.heapLive: what pacing compares to the goal
     * @param heapMarked     bytes the last mark found live
     * @param mallocs        objects allocated (Go: Mallocs)
     * @param frees          objects freed (Go: Frees)
     * @param heapObjects    mallocs - frees (Go: HeapObjects)
     * @param numGC          completed cycles (Go: NumGC)
     * @param pauseTotalNs   stop-the-world time of all cycles (Go: PauseTotalNs)
     * @param lastPauseNs    the longest stop of the last cycle
     * @param zeroedNoHeapPointers bytes cleared by memclrNoHeapPointers
     * @param zeroedHasPointers    bytes cleared by typedmemclr/memclrHasPointers
     * @param barriers       pointer writes that ran the write barrier
     */
    public record Snapshot(long heapAlloc, long heapLive, long heapMarked, long mallocs, long frees,
                           long heapObjects, long numGC, long pauseTotalNs, long lastPauseNs,
                           long zeroedNoHeapPointers, long zeroedHasPointers, long barriers) {
        /** Every byte cleared, by either kind of zeroing. */
        public long bytesZeroed() {
            return zeroedNoHeapPointers + zeroedHasPointers;
        }
    }
}
