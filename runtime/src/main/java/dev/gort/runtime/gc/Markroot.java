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
        // SOLUTION markroot: Afterwards root job i has been scanned: jobs below the number of root blocks (heap.rootJobs) are those blocks, scanned by their types' pointer masks; the jobs after them are the cycle's goroutine stacks, in order. | book: zeroing#markroot
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
        // SOLUTION scanblock: Afterwards every non-zero word of the block at b that typ's mask marks as a pointer (all below typ.ptrdata) has been shaded, with b and the word's offset as where it was found; no other word has. | book: zeroing#markroot
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
        // SOLUTION scanobject: Afterwards every non-zero pointer word of the heap object at b (by the heap bitmap, over its slot's size) that points outside the object itself has been shaded, with b and the word's offset as where it was found; scalar words and pointers into the object are not. | book: zeroing#markroot
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
        // SOLUTION shade: Afterwards the heap object p points into, if p is a heap pointer, is grey or black: marked, and queued for scanning if it has pointers. A word that is no heap address changes nothing; a pointer into a free span or past its objects throws "found bad pointer in Go heap (incorrect use of unsafe or cgo?)", naming base+off as where it was found. | book: zeroing#markroot
        long obj = heap.findObject(p, base, off);
        if (obj != 0) {
            heap.greyobject(obj, base, off);
        }
        // END SOLUTION
    }
}
