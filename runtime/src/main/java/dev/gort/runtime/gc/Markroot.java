package dev.gort.runtime.gc;

import dev.gort.runtime.part.MarkrootPart;

/**
 * Scanning roots and objects by their pointer bitmaps.
 *
 * <p>Go: mgcmark.go {@code markroot}, {@code markrootBlock}, {@code scanblock},
 * {@code scanobject}, {@code shade}.
 *
 * <p>A cycle's root jobs are fixed when its mark starts: one per root block (globals, explicit
 * roots), then one per goroutine that has a stack. A pointer word that is 0 is skipped; any other
 * value is handed to {@link #shade}, which greys the object it points into if it points into the
 * heap (a value that is not a heap address is not a heap pointer, as in Go).
 */
public final class Markroot implements MarkrootPart {
    private final Heap heap;

    public Markroot(Heap heap) {
        this.heap = heap;
    }

    @Override
    public void markroot(int i) {
        // SOLUTION markroot: Jobs 0 .. heap.rootJobs().length-1 are root blocks: scanblock(block.addr(), block.type()). The jobs after them are goroutine stacks: heap.scanStackJob(i - number of blocks). | book: zeroing#markroot
        Roots.Block[] blocks = heap.rootJobs();
        if (i < blocks.length) {
            scanblock(blocks[i].addr(), blocks[i].type());
        } else {
            heap.scanStackJob(i - blocks.length);
        }
        // END SOLUTION
    }

    /** Go: scanblock. Shades what the pointer words of the block at b (by typ's mask) hold. */
    private void scanblock(long b, Type typ) {
        // SOLUTION scanblock: For each word w below typ.ptrdata / 8 with typ.isPointer(w): read the word at b + 8w (heap.mem.space.getLong) and, if it is not 0, shade(p, b, 8w). | book: zeroing#markroot
        for (long w = 0; w < typ.ptrdata / Type.PTR_SIZE; w++) {
            if (typ.isPointer(w)) {
                long p = heap.mem.space.getLong(b + w * Type.PTR_SIZE);
                if (p != 0) {
                    shade(p, b, w * Type.PTR_SIZE);
                }
            }
        }
        // END SOLUTION
    }

    @Override
    public void scanobject(long b) {
        // SOLUTION scanobject: n = heap.objectSize(b). For each word offset off < n whose heap bit is set (heap.isPointer(b + off)): p = the word; skip 0 and pointers into the object itself (p - b < n, unsigned); shade(p, b, off) the rest. | book: zeroing#markroot
        long n = heap.objectSize(b);
        for (long off = 0; off < n; off += Type.PTR_SIZE) {
            if (heap.isPointer(b + off)) {
                long p = heap.mem.space.getLong(b + off);
                if (p != 0 && Long.compareUnsigned(p - b, n) >= 0) {
                    shade(p, b, off);
                }
            }
        }
        // END SOLUTION
    }

    @Override
    public void shade(long p, long base, long off) {
        // SOLUTION shade: obj = heap.findObject(p, base, off); if it is not 0, heap.greyobject(obj, base, off). | book: zeroing#markroot
        long obj = heap.findObject(p, base, off);
        if (obj != 0) {
            heap.greyobject(obj, base, off);
        }
        // END SOLUTION
    }
}
