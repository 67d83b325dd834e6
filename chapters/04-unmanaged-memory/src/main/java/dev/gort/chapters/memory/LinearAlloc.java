// Generated from runtime/src/main/java/dev/gort/runtime/mem/LinearAlloc.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 9e983d5673fda5ec
package dev.gort.chapters.memory;

import dev.gort.runtime.part.LinearAllocPart;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.SysMemStat;
import dev.gort.runtime.part.Todo;

/**
 * linearAlloc: a bump allocator over a range reserved up front, that maps the range only as far
 * as it has handed it out.
 *
 * <p>Go: malloc.go {@code linearAlloc} ({@code init}, {@code alloc}); used for heap arena metadata
 * on 32-bit systems and for the arena hints, where reserving a large range once and committing it
 * page by page keeps the address space contiguous without paying for it in RAM.
 *
 * <p>Invariants: {@code base <= next <= end}; {@code mapped} is page aligned, and every page
 * below it is Ready when {@code mapMemory} (otherwise the caller has mapped it); nothing is freed.
 * The caller serialises calls.
 *
 * <p>One difference: Go maps up to {@code alignUp(next-1, page)}, which leaves a page unmapped when
 * an allocation's last byte is the first byte of that page (Go's callers never ask for such
 * sizes); gort maps up to {@code alignUp(next, page)}, so every byte handed out is Ready.
 */
public final class LinearAlloc implements LinearAllocPart {
    private final Memory mem;

    // guarded by the caller's lock:
    private long next;          // next free byte
    private long mapped;        // one byte past the end of the mapped space
    private long end;           // end of the reserved space
    private boolean mapMemory;  // map Reserved memory to Ready as it is handed out

    public LinearAlloc(Memory mem) {
        this.mem = mem;
    }

    /** Go: linearAlloc.init. */
    @Override
    public void init(long base, long size, boolean mapMemory) {
        throw new Todo("linearalloc_init", "If base+size overflows, chop off the last byte. next and mapped start at base; end is base+size.", "memory#linearalloc");
    }

    /** Go: linearAlloc.alloc. */
    @Override
    public long alloc(long size, long align, SysMemStat sysStat) {
        throw new Todo("linearalloc_alloc", "Align next up; if size does not fit before end return 0. Bump next. If next lies beyond mapped, round it up to a page: with mapMemory, sysMap and sysUsed the new pages (from mapped to that end, all Prepared). Move mapped there.", "memory#linearalloc");
    }
}
