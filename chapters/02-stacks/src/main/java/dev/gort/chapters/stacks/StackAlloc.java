// Generated from runtime/src/main/java/dev/gort/runtime/stack/StackAlloc.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 61f63e4624d56c82
package dev.gort.chapters.stacks;


import dev.gort.runtime.Gort;
import dev.gort.runtime.atomic.Int64;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.part.StackAllocPart;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.stack.Stacks;

/**
 * stackalloc and stackfree: where goroutine stacks come from.
 *
 * <p>Go: stack.go {@code stackalloc}, {@code stackfree}, {@code stackpoolalloc},
 * {@code stackpoolfree}, {@code stackcacherefill}, {@code stackcacherelease}.
 *
 * <p>Small stacks come in four orders: 2, 4, 8 and 16 KB ({@code fixedStack << order}). Each order
 * has a global pool of free stacks under its own lock, and a 32 KB span ({@code _StackCacheSize},
 * from sysAlloc) that new stacks are carved from when the pool is empty; and each P has a cache
 * of free stacks that only its M touches (no lock). An empty cache is refilled from the pool with half of 32 KB worth of
 * stacks at once; a cache holding 32 KB releases down to half. So nearly every {@code go} and
 * goroutine exit takes no lock. Without a P the pool is used directly. Free stacks are linked
 * through their first word. Stacks of 32 KB and more come straight from sysAlloc and go back
 * with sysFree. All of it is counted in {@code mem.stacksSys}.
 *
 * <p>A difference from Go: pool spans are never returned (Go frees a span whose stacks are all
 * free once the collector is not running), so the memory stays at the peak of small stacks.
 */
public final class StackAlloc implements StackAllocPart {
    static final int NUM_STACK_ORDERS = 4;        // Go: _NumStackOrders on Linux
    static final long STACK_CACHE_SIZE = 32 << 10; // Go: _StackCacheSize

    private final Memory mem;
    private final long[] pool = new long[NUM_STACK_ORDERS]; // free stacks per order; guarded by poolLock[order]
    private final Mutex[] poolLock = new Mutex[NUM_STACK_ORDERS];
    private final long[] carve = new long[NUM_STACK_ORDERS];    // the order's span: next stack; guarded by poolLock[order]
    private final long[] carveEnd = new long[NUM_STACK_ORDERS]; // ... and its end
    private long[] cacheList = new long[Gort.MAX_GOMAXPROCS * NUM_STACK_ORDERS]; // per P: owner only; grown by procresize
    private long[] cacheSize = new long[Gort.MAX_GOMAXPROCS * NUM_STACK_ORDERS]; // bytes in cacheList
    private final Int64 inuse = new Int64();

    public StackAlloc(Memory mem) {
        this.mem = mem;
        for (int i = 0; i < NUM_STACK_ORDERS; i++) {
            poolLock[i] = new Mutex();
        }
    }

    /** Room for the caches of P ids below nprocs (the world is stopped). Go: p.mcache.stackcache. */
    @Override
    public void procresize(int nprocs) {
        if (nprocs * NUM_STACK_ORDERS > cacheList.length) {
            cacheList = java.util.Arrays.copyOf(cacheList, nprocs * NUM_STACK_ORDERS);
            cacheSize = java.util.Arrays.copyOf(cacheSize, nprocs * NUM_STACK_ORDERS);
        }
    }

    /** Go: stackalloc. */
    @Override
    public long stackalloc(long n) {
        throw new Todo("stackalloc", "n must be a power of two (\"stack size not a power of 2\"). Below 32 KB: order = log2(n / 2048); with a P (and not in preemptoff) pop the P's cache for that order (refill it first when empty), else take one from the pool (stackpoolalloc, under poolLock[order]). From 32 KB: sysAlloc n bytes in mem.stacksSys (\"out of memory allocating stack\" when it fails). Count n in inuse.", "stacks#stackalloc");
    }

    /** Go: stackfree. */
    @Override
    public void stackfree(long lo, long n) {
        throw new Todo("stackfree", "The mirror of stackalloc: below 32 KB push the stack on the P's cache for its order (releasing down to half when the cache reaches 32 KB) or, without a P, on the pool under its lock (stackpoolfree); from 32 KB sysFree it from mem.stacksSys. Uncount n from inuse.", "stacks#stackalloc");
    }

    /** Go: stackcacherefill. Moves half of 32 KB worth of stacks from the pool to cache c. */
    private void stackcacherefill(int c, int order) {
        throw new Todo("stackcacherefill", "Under poolLock[order], move stacks from the pool (stackpoolalloc) onto the cache list until it holds half of 32 KB; keep cacheSize exact.", "stacks#stackalloc");
    }

    /** Go: stackcacherelease. Moves stacks from cache c back to the pool until it holds half of 32 KB. */
    private void stackcacherelease(int c, int order) {
        throw new Todo("stackcacherelease", "Under poolLock[order], pop stacks off the cache list and give them to the pool (stackpoolfree) until cacheSize is at most half of 32 KB.", "stacks#stackalloc");
    }

    /**
     * Go: stackpoolalloc. A free stack of the order from the pool; when the pool is empty, the next
     * stack of the order's current span, carving a new span when that is used up. Carving hands
     * out addresses without touching the stacks, so a stack that is never used costs no page.
     */
    private long stackpoolalloc(int order) {
        throw new Todo("stackpoolalloc", "Pop the pool of this order if it is not empty (the first word of a free stack is the next one). Else hand out the next stack (2048 << order bytes) of the order's span [carve, carveEnd), first sysAlloc-ing a 32 KB span in mem.stacksSys when it is used up (throw \"out of memory\" if that fails).", "stacks#stackalloc");
    }

    /** Go: stackpoolfree. */
    private void stackpoolfree(long x, int order) {
        throw new Todo("stackpoolfree", "Push x on the pool of its order (its first word links the old head).", "stacks#stackalloc");
    }

    @Override
    public long inuse() {
        return inuse.load();
    }
}
