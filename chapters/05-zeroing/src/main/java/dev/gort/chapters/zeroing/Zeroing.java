// Generated from runtime/src/main/java/dev/gort/runtime/gc/Zeroing.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 6ca2f8896d8e1c8a
package dev.gort.chapters.zeroing;

import dev.gort.runtime.part.MemclrPart;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.Type;
import dev.gort.runtime.part.Todo;

/**
 * The two kinds of zeroing, and the choice between them.
 *
 * <p>Go: malloc.go (mallocgc's {@code if needzero && span.needzero != 0 {
 * memclrNoHeapPointers(x, size) }}), mbarrier.go {@code typedmemclr}, {@code memclrHasPointers}.
 *
 * <p>Zero-initialisation of memory no collector can yet see a pointer in (a slot just taken from a
 * span: nothing points to it and its old contents are dead) is a plain clear,
 * {@code memclrNoHeapPointers}, and is skipped when the span says the slot is still zero as the
 * OS gave it. Zeroing memory that is already type-safe and visible (a live object's fields) may
 * delete pointers the collector has not seen yet: the deletion barrier must see each old value
 * first, which {@code bulkBarrierPreWrite(p, 0, n)} does, before the same clear.
 */
public final class Zeroing implements MemclrPart {
    private final Heap heap;

    public Zeroing(Heap heap) {
        this.heap = heap;
    }

    @Override
    public void clearNew(long x, long size, boolean needzero, boolean spanNeedzero) {
        throw new Todo("clearNew", "Clear the new object with heap.memclrNoHeapPointers(x, size) only when the caller asked for zeroed memory (needzero) and the span's free slots may hold old bytes (spanNeedzero). Fresh memory from the OS is already zero: clearing it again costs time and counts against you.", "zeroing#memclr");
    }

    @Override
    public void typedmemclr(Type typ, long p) {
        throw new Todo("typedmemclr", "If the write barrier is on (heap.writeBarrierEnabled()) and typ has pointers, call heap.barrier.bulkBarrierPreWrite(p, 0, typ.ptrdata) first; then heap.memclrNoHeapPointers(p, typ.size), and count typ.size with heap.countClearedWithBarriers.", "zeroing#memclr");
    }

    @Override
    public void memclrHasPointers(long p, long n) {
        throw new Todo("memclrHasPointers", "Always heap.barrier.bulkBarrierPreWrite(p, 0, n) (it does nothing when the barrier is off), then heap.memclrNoHeapPointers(p, n) and heap.countClearedWithBarriers(n).", "zeroing#memclr");
    }
}
