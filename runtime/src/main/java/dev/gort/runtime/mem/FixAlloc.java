package dev.gort.runtime.mem;

import dev.gort.runtime.Panic;
import dev.gort.runtime.part.FixAllocPart;

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
        // SOLUTION fixalloc_init: Objects larger than a 16 KB chunk throw "runtime: fixalloc size too large". Sizes below a link word are raised to one. Keep first, arg and stat; empty the free list and the chunk; nalloc is 16 KB rounded down to a multiple of the size; inuse 0; zero true. | book: memory#fixalloc
        if (size > FIX_ALLOC_CHUNK) {
            throw Panic.throw_("runtime: fixalloc size too large");
        }
        this.size = Math.max(size, MLINK_SIZE);
        this.first = first;
        this.arg = arg;
        this.list = 0;
        this.chunk = 0;
        this.nchunk = 0;
        this.nalloc = FIX_ALLOC_CHUNK / this.size * this.size;
        this.inuse = 0;
        this.stat = stat;
        this.zero = true;
        // END SOLUTION
    }

    /** Go: fixalloc.alloc. */
    @Override
    public long alloc() {
        // SOLUTION fixalloc_alloc: Before init (size 0) print "runtime: use of FixAlloc_Alloc before FixAlloc_Init" and throw "runtime: internal error". Pop the free list first (next = the object's first word), zeroing the object if zero is set. Else, when fewer than size bytes are left, take a new chunk of nalloc bytes from mem.persistent (align 0, stat); call first on the new object; bump. Count inuse. | book: memory#fixalloc
        if (size == 0) {
            Panic.print("runtime: use of FixAlloc_Alloc before FixAlloc_Init\n");
            throw Panic.throw_("runtime: internal error");
        }
        if (list != 0) {
            long v = list;
            list = link.at(v).next();
            inuse += size;
            if (zero) {
                mem.space.memclrNoHeapPointers(v, size);
            }
            return v;
        }
        if (nchunk < size) {
            chunk = mem.persistent.persistentalloc(nalloc, 0, stat);
            nchunk = nalloc;
        }
        long v = chunk;
        if (first != null) {
            first.first(arg, v);
        }
        chunk += size;
        nchunk -= size;
        inuse += size;
        return v;
        // END SOLUTION
    }

    /** Go: fixalloc.free. */
    @Override
    public void free(long p) {
        // SOLUTION fixalloc_free: Uncount size bytes from inuse and push p on the free list: its first word becomes the old head. | book: memory#fixalloc
        inuse -= size;
        link.at(p).setNext(list);
        list = p;
        // END SOLUTION
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
