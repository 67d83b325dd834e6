package dev.gort.runtime.part;

import dev.gort.runtime.mem.SysMemStat;

/**
 * linearAlloc: a bump allocator over a reserved range, mapping it (Reserved to Ready) only as far
 * as it has handed out. Go: malloc.go {@code linearAlloc}. Reference:
 * {@code dev.gort.runtime.mem.LinearAlloc}.
 */
public interface LinearAllocPart {
    /** Allocates from [base, base+size), reserved; maps on demand if mapMemory. */
    void init(long base, long size, boolean mapMemory);

    /** size bytes aligned to align (a power of two), mapped pages counted in sysStat; 0 when full. */
    long alloc(long size, long align, SysMemStat sysStat);
}
