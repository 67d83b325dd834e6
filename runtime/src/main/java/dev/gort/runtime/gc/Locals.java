package dev.gort.runtime.gc;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.part.FixAllocPart;

/**
 * A goroutine's pointer-holding locals, as the collector sees them: a block of {@value #NSLOTS}
 * word slots in unmanaged memory per G, which mutator code may use instead of Java locals for the
 * heap pointers it keeps across a safe point. A heap pointer held only in a Java local is
 * invisible to the collector (as a pointer hidden in a uintptr is in Go).
 *
 * <p>Go: the pointer slots of a goroutine's frame. The same can be had with a real frame on the
 * G's stack ({@code stack.Frame.enter(Func.of(...))} with pointer slots): the collector scans both
 * ({@link GoroutineStacks}). Writes to either take no write barrier; a stack is scanned once per
 * cycle, by a mark worker while the G is not running, by the G itself
 * ({@link Heap#scanOwnStack}), or at mark termination with the world stopped.
 *
 * <p>Blocks come from a fixalloc and stay with their G for good (Gs are never freed); a G reused
 * for a new goroutine starts with its slots cleared.
 */
public final class Locals {
    public static final int NSLOTS = 32;

    private final Heap heap;
    private final Mutex lock = new Mutex();  // guards blocks
    private FixAllocPart blocks;             // made on first use, under lock

    Locals(Heap heap) {
        this.heap = heap;
    }

    /** The current G's slots' address, made or cleared for this goroutine on first use. */
    private long slots() {
        G gp = Switch.getg();
        if (gp == null || gp.isSystem()) {
            throw Panic.throw_("stack locals used off a user goroutine");
        }
        GState st = GState.of(gp);
        if (st.slots == 0) {
            lock(lock);
            if (blocks == null) {
                blocks = heap.mem.newFixAlloc();
                blocks.init(NSLOTS * (long) Type.PTR_SIZE, null, null, heap.mem.stacksSys);
            }
            long b = blocks.alloc();
            unlock(lock);
            st.goid = gp.goid;
            st.slots = b;
        } else if (st.goid != gp.goid) { // a new goroutine on a reused G
            heap.mem.space.memclrNoHeapPointers(st.slots, NSLOTS * (long) Type.PTR_SIZE);
            st.goid = gp.goid;
        }
        return st.slots;
    }

    /** The current G's local slot i. */
    public long get(int i) {
        return heap.mem.space.getLong(slot(slots(), i));
    }

    // tag::setLocal[]
    /**
     * Sets the current G's local slot i to p: a write to one's own stack, so no
     * write barrier. (A scanner never scans a running G's stack: it waits for
     * the G to stop, or the G scans its own.)
     */
    public void set(int i, long p) {
        heap.mem.space.putLong(slot(slots(), i), p);
    }
    // end::setLocal[]

    private static long slot(long slots, int i) {
        if (i < 0 || i >= NSLOTS) {
            throw new IndexOutOfBoundsException("local slot " + i + " of " + NSLOTS);
        }
        return slots + (long) i * Type.PTR_SIZE;
    }
}
