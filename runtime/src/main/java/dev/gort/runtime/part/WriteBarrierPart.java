package dev.gort.runtime.part;

/**
 * The hybrid write barrier: before a pointer slot in the heap (or a global) changes while the
 * collector marks, shade the value it held, and the new one while the writing goroutine's stack is
 * still grey. Needs a P. Go: mbarrier.go, mwbbuf.go, mbitmap.go {@code bulkBarrierPreWrite}.
 * Reference: {@code dev.gort.runtime.gc.WriteBarrier}.
 */
public interface WriteBarrierPart {
    /** Go: the compiler's {@code *slot = ptr} with its barrier. */
    void writePointer(long slot, long ptr);

    /**
     * Go: bulkBarrierPreWrite. For each pointer slot in [dst, dst+size) (the heap bitmap says
     * which), the barrier for overwriting it with the word at the same offset from src (0 when src
     * is 0: the memclr case). Called just before the copy or clear; does nothing when the barrier
     * is off.
     */
    void bulkBarrierPreWrite(long dst, long src, long size);
}
