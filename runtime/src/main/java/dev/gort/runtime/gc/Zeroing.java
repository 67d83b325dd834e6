package dev.gort.runtime.gc;

import dev.gort.runtime.part.MemclrPart;

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
        // SOLUTION clearNew: Afterwards the new object's size bytes at x are zero if the caller asked for zeroed memory (needzero), with no barrier, since nothing can point into a slot just taken; they are cleared only when the span says its free slots may hold old bytes (spanNeedzero), because memory fresh from the OS is zero already and clearing it again is counted against you. | book: zeroing#memclr
        if (needzero && spanNeedzero) {
            heap.memclrNoHeapPointers(x, size);
        }
        // END SOLUTION
    }

    @Override
    public void typedmemclr(Type typ, long p) {
        // SOLUTION typedmemclr: Afterwards the typ.size bytes at p are zero, counted as cleared behind barriers. While the barrier is on, the collector has been told first about every pointer of a value of type typ that the clear erases (none to tell when typ has no pointers). | book: zeroing#memclr
        if (heap.writeBarrierEnabled() && typ.pointers()) {
            heap.barrier.bulkBarrierPreWrite(p, 0, typ.ptrdata);
        }
        heap.memclrNoHeapPointers(p, typ.size);
        heap.countClearedWithBarriers(typ.size);
        // END SOLUTION
    }

    @Override
    public void memclrHasPointers(long p, long n) {
        // SOLUTION memclrHasPointers: Afterwards the n bytes at p are zero, counted as cleared behind barriers, and the collector has been told first about every pointer slot among them that the clear erases (which needs nothing while the barrier is off). | book: zeroing#memclr
        heap.barrier.bulkBarrierPreWrite(p, 0, n);
        heap.memclrNoHeapPointers(p, n);
        heap.countClearedWithBarriers(n);
        // END SOLUTION
    }
}
