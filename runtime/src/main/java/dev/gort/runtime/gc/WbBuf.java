package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import dev.gort.runtime.P;

/**
 * A P's write-barrier buffer: the pointers its barriers must shade, recorded now and shaded in
 * a batch when the buffer fills or the mark ends.
 *
 * <p>Go: mwbbuf.go {@code wbBuf}, {@code get2}, {@code wbBufFlush}, {@code wbBufFlush1};
 * mbarrier.go's note that the barrier's fast path is a flag test and two stores.
 *
 * <p>Owned by its P: only the M holding the P puts and flushes, except at mark termination, when
 * the world is stopped and {@link Mark#finish} flushes every P's buffer before it drains the grey
 * queue. A pointer in the buffer is not yet grey, so a mark may end only after every buffer is
 * flushed: that is the one invariant the buffer adds. Zero and other non-heap words are filtered
 * when flushed, as in Go, not when recorded.
 */
public final class WbBuf {
    /* Overview: shading a pointer means finding its span and object and setting a mark bit
     * (an atomic OR), and queueing it under the grey queue's lock: tens of nanoseconds. A
     * program that writes pointers during a mark would pay that on every write. Go instead
     * appends the old and new pointer to a per-P array (no lock: the P is the owner) and shades
     * the array's contents in one pass when it is full, where most entries turn out to be nil
     * or already marked and cost a few loads. gort does the same, with Go's 512 entries. */

    static final int ENTRIES = 512; // Go: wbBufEntries; each put takes two (wbBufEntryPointers)

    private final Heap heap;     // immutable
    private final P pp;          // immutable: the owner
    private final long[] buf = new long[ENTRIES]; // owner only
    private int next;            // owner only: the first free entry
    private final HeapStats.Delta stats; // immutable: the P's counters

    WbBuf(Heap heap, P pp, HeapStats.Delta stats) {
        this.heap = heap;
        this.pp = pp;
        this.stats = stats;
    }

    /**
     * Go: wbBuf.get2 and the stores after it. Records the two pointers a barrier must shade (0
     * for none) and counts the barrier; flushes first when the buffer is full.
     */
    public void put(long old, long ptr) {
        if (next == ENTRIES) {
            flush();
        }
        buf[next] = old;
        buf[next + 1] = ptr;
        next += 2;
        stats.barriers++;
    }

    /**
     * Whether the stack of the goroutine running on the buffer's P is still grey in this mark:
     * {@link Heap#currentStackGrey()}, without looking up the M again.
     */
    public boolean stackGrey() {
        G gp = pp.m.g;
        Object st = gp == null ? null : gp.gcstate;
        return st != null && ((GState) st).scan.load() != GState.BLACK;
    }

    /** Go: wbBufFlush1. Shades every recorded pointer that is a heap pointer; empties the buffer. */
    void flush() {
        int n = next;
        next = 0;
        heap.mark.shadeAll(buf, n);
    }
}
