package dev.gort.runtime.part;

import dev.gort.runtime.gc.Type;

/**
 * The two kinds of zeroing: memory that holds no pointer the collector can see is cleared without
 * barriers ({@code memclrNoHeapPointers}), and only when it may hold old bytes; memory that may
 * hold pointers the collector can see is cleared after {@code bulkBarrierPreWrite} tells the
 * collector about them. Go: malloc.go (mallocgc's clearing step), mbarrier.go
 * {@code typedmemclr}, {@code memclrHasPointers}. Reference: {@code dev.gort.runtime.gc.Zeroing}.
 */
public interface MemclrPart {
    /**
     * mallocgc's clearing step: object x of size bytes, just taken from a span; {@code needzero}
     * is the caller's request, {@code spanNeedzero} whether the span's free slots may hold old
     * bytes.
     */
    void clearNew(long x, long size, boolean needzero, boolean spanNeedzero);

    /** Go: typedmemclr. Clears the value of type typ at p, which the collector may see. */
    void typedmemclr(Type typ, long p);

    /** Go: memclrHasPointers. Clears n bytes at p that may hold pointers the collector sees. */
    void memclrHasPointers(long p, long n);
}
