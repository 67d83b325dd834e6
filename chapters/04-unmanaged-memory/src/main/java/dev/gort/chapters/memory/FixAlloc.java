// Generated from runtime/src/main/java/dev/gort/runtime/mem/FixAlloc.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 48e7853f3296b636
package dev.gort.chapters.memory;

import dev.gort.runtime.part.FixAllocPart;
import dev.gort.runtime.mem.MLink;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.SysMemStat;
import dev.gort.runtime.part.Todo;

/**
 * fixalloc: a free-list allocator for fixed-size objects of the runtime's own (span structures,
 * caches, specials), in unmanaged memory.
 *
 * <p>Go: mfixalloc.go {@code fixalloc}, {@code init}, {@code alloc}, {@code free}.
 *
 * <p>Objects are bumped out of a chunk of 16 KB rounded down to a multiple of the size (so no
 * tail is wasted), which comes from persistentalloc. A freed object goes on {@code list}, linked
 * through its own first word ({@link MLink}), and is handed out again before the chunk is touched:
 * last freed, first reused. {@code first} is called only for an object's first hand-out. Reused
 * objects are zeroed when {@code zero} is set (the default); a caller that keeps state across reuse
 * (Go's spanalloc keeps {@code sweepgen}) turns it off and must zero what holds pointers itself.
 * The caller serialises calls with its own lock; objects are never returned to the OS, and reuse
 * happens only inside one fixalloc.
 */
public final class FixAlloc implements FixAllocPart {
    static final long FIX_ALLOC_CHUNK = 16 << 10; // Go: _FixAllocChunk
    static final long MLINK_SIZE = MLink.LAYOUT.byteSize();

    private final Memory mem;
    private final MLink link;   // a view for walking the free list

    // guarded by the caller's lock:
    private long size;          // object size; 0 before init
    private First first;        // called on an object's first hand-out, may be null
    private Object arg;         // first's first argument
    private long list;          // free objects, linked through their first word; 0: none
    private long chunk;         // next unused byte of the current chunk
    private long nchunk;        // bytes left in the current chunk
    private long nalloc;        // chunk size: 16 KB rounded down to a multiple of size
    private long inuse;         // bytes handed out and not freed
    private SysMemStat stat;    // where chunks are counted
    private boolean zero;       // zero reused objects

    public FixAlloc(Memory mem) {
        this.mem = mem;
        this.link = new MLink(mem.space);
    }

    /** Go: fixalloc.init. */
    @Override
    public void init(long size, First first, Object arg, SysMemStat stat) {
        throw new Todo("fixalloc_init", "Objects larger than a 16 KB chunk throw \"runtime: fixalloc size too large\". Sizes below a link word are raised to one. Keep first, arg and stat; empty the free list and the chunk; nalloc is 16 KB rounded down to a multiple of the size; inuse 0; zero true.", "memory#fixalloc");
    }

    /** Go: fixalloc.alloc. */
    @Override
    public long alloc() {
        throw new Todo("fixalloc_alloc", "Before init (size 0) print \"runtime: use of FixAlloc_Alloc before FixAlloc_Init\" and throw \"runtime: internal error\". Pop the free list first (next = the object's first word), zeroing the object if zero is set. Else, when fewer than size bytes are left, take a new chunk of nalloc bytes from mem.persistent (align 0, stat); call first on the new object; bump. Count inuse.", "memory#fixalloc");
    }

    /** Go: fixalloc.free. */
    @Override
    public void free(long p) {
        throw new Todo("fixalloc_free", "Uncount size bytes from inuse and push p on the free list: its first word becomes the old head.", "memory#fixalloc");
    }

    @Override
    public long inuse() {
        return inuse;
    }

    @Override
    public void setZero(boolean zero) {
        this.zero = zero;
    }
}
