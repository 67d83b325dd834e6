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
 * <p>The counters of allocation and of barriers are per P, as Go's
 * {@code heapStatsDelta} shards are: each P adds to its own {@link Delta} with plain stores, and
 * a snapshot sums every P's delta with the shared counters (exact when nothing allocates meanwhile,
 * as at stop-the-world or after {@code Gort.gc()}; a racy sum otherwise, as Go's unlocked reads).
 * A barrier counted from an M without a P goes to the shared delta. Zeroing is counted in shared
 * {@link LongAdder}s, since memclrNoHeapPointers is not told its P (finding it, {@code getm}, costs
 * more than the adder's uncontended CAS). The shared counters are {@link LongAdder}s (never a scheduling point on the simulated OS, so counting does not change a
 * seed's run); {@code heapLive} moves at span granularity, as in Go.
 */
public final class HeapStats {
    final LongAdder heapLive = new LongAdder();       // bytes in spans handed to mcaches, large objects
    final LongAdder frees = new LongAdder();          // objects freed by sweeping
    final LongAdder bytesFreed = new LongAdder();
    final LongAdder zeroedNoHeapPointers = new LongAdder(); // memclrNoHeapPointers bytes
    final LongAdder zeroedHasPointers = new LongAdder();    // of which cleared behind barriers
    final Delta shared = new Delta();                 // counts made without a P; guarded by sharedLock
    private final Object sharedLock = new Object();
    private volatile Delta[] deltas = {};             // every P's delta; replaced under this
    volatile long heapMarked;                         // bytes marked by the last cycle
    volatile long numGC;                              // completed cycles
    volatile long pauseTotalNs;                       // stop-the-world time, all cycles
    volatile long lastPauseNs;                        // the longest pause of the last cycle

    /**
     * Go: heapStatsDelta. One P's share of the hot counters; only the M holding the P writes it
     * (plain stores), anyone may read it racily.
     */
    static final class Delta {
        long mallocs;              // objects allocated
        long bytesAllocated;       // their slots' bytes
        long barriers;             // pointer writes that ran the barrier
    }

    /** A new per-P delta, counted by every later snapshot. */
    synchronized Delta newDelta() {
        Delta d = new Delta();
        Delta[] next = java.util.Arrays.copyOf(deltas, deltas.length + 1);
        next[deltas.length] = d;
        deltas = next;
        return d;
    }

    /** Counts a barrier from an M without a P (a barrier then throws; counted all the same). */
    void sharedBarrier() {
        synchronized (sharedLock) {
            shared.barriers++;
        }
    }

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
        Delta t = new Delta();
        synchronized (sharedLock) {
            add(t, shared);
        }
        for (Delta d : deltas) {
            add(t, d);
        }
        long f = frees.sum();
        return new Snapshot(t.bytesAllocated - bytesFreed.sum(), heapLive.sum(), heapMarked,
                t.mallocs, f, t.mallocs - f, numGC, pauseTotalNs, lastPauseNs,
                zeroedNoHeapPointers.sum(), zeroedHasPointers.sum(), t.barriers);
    }

    private static void add(Delta to, Delta d) {
        to.mallocs += d.mallocs;
        to.bytesAllocated += d.bytesAllocated;
        to.barriers += d.barriers;
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
