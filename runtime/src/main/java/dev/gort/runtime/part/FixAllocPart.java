package dev.gort.runtime.part;

import dev.gort.runtime.mem.SysMemStat;

/**
 * fixalloc: a free-list allocator of fixed-size objects carved from 16 KB persistentalloc chunks;
 * freed objects keep the list in their first word. The caller serialises calls (a lock).
 * Go: mfixalloc.go. Reference: {@code dev.gort.runtime.mem.FixAlloc}.
 */
public interface FixAllocPart {
    /** Called with {@code arg} and an object's address the first time a chunk slot is handed out. */
    @FunctionalInterface
    interface First {
        void first(Object arg, long p);
    }

    /** Go: fixalloc.init. Objects of size bytes (at least a word), counted in stat; zero is on. */
    void init(long size, First first, Object arg, SysMemStat stat);

    /** Go: fixalloc.alloc. An object's address; zeroed unless zero was turned off and it is reused. */
    long alloc();

    /** Go: fixalloc.free. Returns p to this allocator's free list. */
    void free(long p);

    /** Go: fixalloc.inuse. Bytes handed out and not freed. */
    long inuse();

    /** Go: fixalloc.zero. Whether reused objects are zeroed (true after init). */
    void setZero(boolean zero);
}
