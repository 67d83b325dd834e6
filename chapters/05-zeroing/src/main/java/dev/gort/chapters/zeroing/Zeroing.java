// Generated from runtime/src/main/java/dev/gort/runtime/gc/Zeroing.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 9ba2a1a2556f595a
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
        throw new Todo("clearNew", "Afterwards the new object's size bytes at x are zero if the caller asked for zeroed memory (needzero), with no barrier, since nothing can point into a slot just taken; they are cleared only when the span says its free slots may hold old bytes (spanNeedzero), because memory fresh from the OS is zero already and clearing it again is counted against you.", "zeroing#memclr");
    }

    @Override
    public void typedmemclr(Type typ, long p) {
        throw new Todo("typedmemclr", "Afterwards the typ.size bytes at p are zero, counted as cleared behind barriers. While the barrier is on, the collector has been told first about every pointer of a value of type typ that the clear erases (none to tell when typ has no pointers).", "zeroing#memclr");
    }

    @Override
    public void memclrHasPointers(long p, long n) {
        throw new Todo("memclrHasPointers", "Afterwards the n bytes at p are zero, counted as cleared behind barriers, and the collector has been told first about every pointer slot among them that the clear erases (which needs nothing while the barrier is off).", "zeroing#memclr");
    }
}
