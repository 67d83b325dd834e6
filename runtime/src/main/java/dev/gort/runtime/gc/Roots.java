package dev.gort.runtime.gc;

import java.util.Arrays;

/**
 * The root blocks outside the heap that may hold heap pointers: globals (Go's data and bss
 * sections) and explicit roots — unmanaged memory that holds heap pointers, which HACKING.md
 * requires to be registered with the collector, or what it points to may be freed.
 *
 * <p>Go: mgcmark.go {@code markrootBlock} over {@code data}/{@code bss} with their
 * {@code gcdatamask}/{@code gcbssmask}; explicit roots are the {@code markroot} special cases
 * HACKING.md asks for (finalizers, {@code mheap_.specials} ...).
 *
 * <p>Each block is an address and a {@link Type} whose mask says which words are pointers. The
 * table is replaced as a whole (copy on write) under this object's monitor, so markroot reads it
 * without a lock; a block added during a mark is a black root (its pointers must be reachable
 * otherwise, as when a global is written: the write barrier covers that).
 */
public final class Roots {
    /** One root block. {@code global}: a global variable, else an explicit root. */
    public record Block(String name, long addr, Type type, boolean global) {}

    private volatile Block[] blocks = new Block[0];

    /** Registers [addr, addr+type.size) as a root. */
    public synchronized void add(String name, long addr, Type type, boolean global) {
        Block[] next = Arrays.copyOf(blocks, blocks.length + 1);
        next[blocks.length] = new Block(name, addr, type, global);
        blocks = next;
    }

    /** Unregisters the root block at addr (its memory is being freed). */
    public synchronized void remove(long addr) {
        blocks = Arrays.stream(blocks).filter(b -> b.addr() != addr).toArray(Block[]::new);
    }

    /** The blocks now (a snapshot: a cycle's jobs are fixed at its start). */
    public Block[] blocks() {
        return blocks;
    }

    /** The block holding the word at p, or null: whether a write to p needs a barrier. */
    Block blockOf(long p) {
        for (Block b : blocks) {
            if (p >= b.addr() && p < b.addr() + b.type().size) {
                return b;
            }
        }
        return null;
    }
}
