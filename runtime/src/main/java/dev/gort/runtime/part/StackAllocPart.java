package dev.gort.runtime.part;

/**
 * stackalloc/stackfree: goroutine stacks in unmanaged memory. Small stacks (2, 4, 8 and 16 KB, the
 * four orders) come from a per-P cache refilled from and released to a global pool in batches;
 * the pool carves 32 KB spans; larger stacks come straight from sysAlloc. Every byte is counted
 * in {@code mem.stacksSys}. Go: stack.go. Reference: {@code dev.gort.runtime.stack.StackAlloc}.
 */
public interface StackAllocPart {
    /** Go: stackalloc. A stack of n bytes (a power of two); returns its low address. */
    long stackalloc(long n);

    /** Go: stackfree. Returns the stack [lo, lo+n) that stackalloc handed out. */
    void stackfree(long lo, long n);

    /** Bytes of stacks handed out and not freed (Go: the part of StackInuse that Gs hold). */
    long inuse();

    /**
     * Go: the per-P half of procresize's {@code (*p).init}: make room in the per-P tables for P
     * ids below {@code nprocs}. Called with the world stopped, before a P with such an id runs.
     * The default does nothing, which serves while GOMAXPROCS stays within the
     * {@value dev.gort.runtime.Gort#MAX_GOMAXPROCS} Ps that per-P tables are first made for.
     */
    default void procresize(int nprocs) {
    }
}
