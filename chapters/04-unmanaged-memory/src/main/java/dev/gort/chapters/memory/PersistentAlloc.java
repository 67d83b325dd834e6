// Generated from runtime/src/main/java/dev/gort/runtime/mem/PersistentAlloc.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 9954a866c79cddfa
package dev.gort.chapters.memory;

import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.atomic.Int64;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.part.PersistentAllocPart;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.SysMemStat;
import dev.gort.runtime.part.Todo;

/**
 * persistentalloc: the runtime's allocator for metadata that lives as long as the process.
 *
 * <p>Go: malloc.go {@code persistentalloc}, {@code persistentalloc1}, {@code persistentChunks},
 * {@code inPersistentAlloc}; {@code p.palloc} and {@code globalAlloc}.
 *
 * <p>Requests are bumped out of 256 KB chunks obtained with sysAlloc. Each P has its own chunk
 * ({@code palloc}: only the M holding the P touches it, pinned by acquirem, so no lock); a caller
 * without a P uses the global chunk under {@code globalAlloc.mutex}. Requests of 64 KB or more go
 * straight to sysAlloc. Nothing is ever freed, and every chunk is pushed (by CAS, its first word
 * holding the old head) on {@code persistentChunks}, so that {@link #inPersistentAlloc} can tell
 * whether a pointer came from here. The memory is zero, because it is fresh from the OS and never
 * reused. Chunks are counted in other_sys until handed out; then the bytes move to the caller's
 * statistic, so no byte is counted twice.
 *
 * <p>One difference: Go aligns the offset in the chunk, which aligns the address only as far as
 * the chunk itself is aligned (a page, 4 KB on Linux); a request for 8 KB alignment may then get
 * 4 KB. gort aligns the address, so every request gets the alignment it asked for.
 *
 * <p>Off a runtime (a benchmark on a plain thread) there is no M to lock with: the global chunk
 * is then used without its lock, and the caller must be the only one allocating.
 */
public final class PersistentAlloc implements PersistentAllocPart {
    static final long PERSISTENT_CHUNK_SIZE = 256 << 10; // Go: persistentChunkSize
    static final long MAX_BLOCK = 64 << 10;  // at least this much: straight from sysAlloc
    static final long PAGE_SIZE = 8192;      // Go: _PageSize, the largest alignment allowed
    static final long PTR_SIZE = 8;          // a chunk's first word links the chunk list

    /** One chunk being carved: Go's {@code persistentAlloc}. */
    static final class Chunk {
        long base; // the chunk's address, 0 before the first one
        long off;  // bytes of it handed out
    }

    private final Memory mem;
    private Chunk[] palloc = new Chunk[Gort.MAX_GOMAXPROCS]; // per P; owner P only; grown by procresize
    private final Chunk globalAlloc = new Chunk();                  // guarded by globalLock
    private final Mutex globalLock = new Mutex();
    private final Int64 persistentChunks = new Int64();             // head of the chunk list (CAS)

    public PersistentAlloc(Memory mem) {
        this.mem = mem;
    }

    /** Go: persistentalloc (and persistentalloc1, which Go runs on the system stack). */
    @Override
    public long persistentalloc(long size, long align, SysMemStat sysStat) {
        throw new Todo("persistentalloc", "Throw Go's messages for size 0, an align that is not a power of 2 or is above 8 KB; align 0 means 8. From 64 KB up, sysAlloc directly. Else pin the M (acquirem) and use its P's chunk, or the global chunk under globalLock without a P. Align the address base+off (not just off: a chunk is only page aligned); when the request does not fit (or there is no chunk), sysAlloc a 256 KB chunk in mem.otherSys (failure: throw \"runtime: cannot allocate memory\"), push it on persistentChunks by CAS (its first word holds the old head) and start at the first aligned address after that word. Bump, release, and move size bytes from mem.otherSys to sysStat.", "memory#persistentalloc");
    }

    /** Go: inPersistentAlloc. Walks the chunk list. */
    @Override
    public boolean inPersistentAlloc(long p) {
        throw new Todo("inPersistentAlloc", "Walk the list from persistentChunks (each chunk's first word is the next chunk, 0 ends it) and answer whether p lies in one of the 256 KB chunks.", "memory#persistentalloc");
    }

    /** Room for the chunks of P ids below nprocs (the world is stopped). Go: p.palloc. */
    @Override
    public void procresize(int nprocs) {
        if (nprocs > palloc.length) {
            palloc = java.util.Arrays.copyOf(palloc, nprocs);
        }
    }

    /** The chunk of P id, made on first use. */
    private Chunk chunkOf(int id) {
        Chunk c = palloc[id];
        if (c == null) {
            c = new Chunk();
            palloc[id] = c;
        }
        return c;
    }

    /** Undoes what persistentalloc took: releasem, or the global lock. */
    private void release(M mp, Chunk persistent) {
        if (persistent != globalAlloc) {
            mp.locks--;
        } else if (mp != null) {
            unlock(globalLock);
        }
    }
}
