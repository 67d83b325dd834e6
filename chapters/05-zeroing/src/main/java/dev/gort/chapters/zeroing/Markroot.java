// Generated from runtime/src/main/java/dev/gort/runtime/gc/Markroot.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 47221fcbde4fee80
package dev.gort.chapters.zeroing;

import dev.gort.runtime.part.MarkrootPart;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.Type;
import dev.gort.runtime.part.Todo;

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
        throw new Todo("markroot", "Jobs 0 .. heap.rootJobs().length-1 are root blocks: scanblock(block.addr(), block.type()). The jobs after them are goroutine stacks: heap.scanStackJob(i - number of blocks).", "zeroing#markroot");
    }

    /** Go: scanblock. Shades what the pointer words of the block at b (by typ's mask) hold. */
    private void scanblock(long b, Type typ) {
        throw new Todo("scanblock", "For each word w below typ.ptrdata / 8 with typ.isPointer(w): read the word at b + 8w (heap.mem.space.getLong) and, if it is not 0, shade(p, b, 8w).", "zeroing#markroot");
    }

    @Override
    public void scanobject(long b) {
        throw new Todo("scanobject", "n = heap.objectSize(b). For each word offset off < n whose heap bit is set (heap.isPointer(b + off)): p = the word; skip 0 and pointers into the object itself (p - b < n, unsigned); shade(p, b, off) the rest.", "zeroing#markroot");
    }

    @Override
    public void shade(long p, long base, long off) {
        throw new Todo("shade", "obj = heap.findObject(p, base, off); if it is not 0, heap.greyobject(obj, base, off).", "zeroing#markroot");
    }
}
