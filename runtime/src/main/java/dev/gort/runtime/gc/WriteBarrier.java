package dev.gort.runtime.gc;

import dev.gort.runtime.part.WriteBarrierPart;

/**
 * The hybrid write barrier (Yuasa's deletion barrier plus Dijkstra's insertion barrier while the
 * writer's stack is grey), for pointer writes into the heap and globals.
 *
 * <p>Go: mbarrier.go (the design comment, {@code writePointer}'s pseudocode, {@code typedmemmove}),
 * mwbbuf.go ({@code wbBuf}: the pointers to shade go to a per-P buffer, {@link WbBuf}, shaded
 * when it fills or the mark ends), mbitmap.go {@code bulkBarrierPreWrite}.
 *
 * <p>Why both halves: while marking, a goroutine may move the only pointer to a white object from
 * a heap slot to its stack and erase the slot. If its stack was already scanned (black), nobody
 * would find the object: shading the old value (deletion) prevents it. A goroutine whose stack is
 * not yet scanned may hold the only pointer to a white object and store it into a black object:
 * shading the new value (insertion) prevents that; once its stack is black it can no longer hold
 * a white pointer the collector does not know about, so the new value needs no shading. (Go's
 * buffer records the new value whatever the stack's colour, which is cheaper than asking; gort
 * asks, so that the two halves stay visible.) The barrier needs the current P: its buffer is per
 * P, and a write barrier must not be hit where there is none (HACKING.md).
 *
 * <p>Shading through the buffer or at once ({@code heap.marker().shade}) is the same to the
 * collector, which flushes every buffer before it ends a mark; the buffer is what makes the
 * barrier cheap.
 */
public final class WriteBarrier implements WriteBarrierPart {
    private final Heap heap;

    public WriteBarrier(Heap heap) {
        this.heap = heap;
    }

    @Override
    public void writePointer(long slot, long ptr) {
        // SOLUTION writePointer: Afterwards the slot holds ptr. While the collector marks (writeBarrierEnabled), no object the program can still reach is lost by this write: the slot's old value is shaded (it may now live only on a black stack), and so is ptr while the writing goroutine's stack is grey; shading may be deferred through the P's WbBuf, which the collector drains before the mark ends. With the barrier off it is the plain store, and nothing is counted. Throws "write barrier without a P" on an M without a P, and "write barrier prohibited" inside a @NoWriteBarrier method (checked mode). | book: zeroing#writebarrier
        if (heap.writeBarrierEnabled()) {
            WbBuf buf = heap.wbBuf();
            long old = heap.mem.space.getLong(slot);
            buf.put(old, buf.stackGrey() ? ptr : 0);
        }
        heap.mem.space.putLong(slot, ptr);
        // END SOLUTION
    }

    @Override
    public void bulkBarrierPreWrite(long dst, long src, long size) {
        // SOLUTION bulkBarrierPreWrite: Writes nothing: the caller copies or clears [dst, dst+size) right after. While the barrier is on, every pointer slot of that range (a heap object's pointer words or a root block's; no other word) gets the barrier of a pointer write, its new value being the word at the same offset from src (0 when src is 0); each counts as one barrier. With the barrier off, nothing happens. Throws as writePointer does. | book: zeroing#memclr
        if (!heap.writeBarrierEnabled()) {
            return;
        }
        WbBuf buf = heap.wbBuf();
        boolean grey = buf.stackGrey();
        for (long off = 0; off < size; off += Type.PTR_SIZE) {
            if (heap.isPointerSlot(dst + off)) {
                long old = heap.mem.space.getLong(dst + off);
                long ptr = src == 0 ? 0 : heap.mem.space.getLong(src + off);
                buf.put(old, grey ? ptr : 0);
            }
        }
        // END SOLUTION
    }
}
