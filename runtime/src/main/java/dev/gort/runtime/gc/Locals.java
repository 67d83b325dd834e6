package dev.gort.runtime.gc;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A goroutine's pointer-holding locals, as the collector sees them: a block of {@value #NSLOTS}
 * word slots in unmanaged memory per G, which mutator code uses instead of Java locals for the
 * heap pointers it keeps across a safe point. A heap pointer held only in a Java local is
 * invisible to the collector (as a pointer hidden in a uintptr is in Go).
 *
 * <p>Go: the pointer slots of a goroutine's stack frames; {@code scanstack}. This is gort's
 * {@link StackRoots} until per-G stack segments with frame pointer maps exist; it keeps to the
 * same rules: writes to one's own stack take no write barrier, and a stack is scanned once per
 * cycle — by a mark worker while the G is not running (claimed by CAS; if the G runs again
 * meanwhile, its next stack write waits for the scan to end, as Go's G waits for its scan bit), by
 * the G itself ({@link Heap#scanOwnStack}), or at mark termination with the world stopped.
 *
 * <p>Blocks come from a fixalloc and stay with their G for good (Gs are never freed).
 */
public final class Locals implements StackRoots {
    public static final int NSLOTS = 32;

    private final Heap heap;
    private final Mutex lock = new Mutex();  // guards states and the fixalloc
    private GState[] states = new GState[0]; // every G's state, in creation order; copy on write
    private dev.gort.runtime.part.FixAllocPart blocks; // made on first use, under lock

    Locals(Heap heap) {
        this.heap = heap;
    }

    /** The current G's state, made on first use. */
    GState current() {
        G gp = Switch.getg();
        if (gp == null || gp.isSystem()) {
            throw Panic.throw_("stack locals used off a user goroutine");
        }
        Object st = gp.gcstate;
        return st != null ? (GState) st : make(gp);
    }

    private GState make(G gp) {
        lock(lock);
        if (blocks == null) {
            blocks = heap.mem.newFixAlloc();
            blocks.init(NSLOTS * (long) Type.PTR_SIZE, null, null, heap.mem.stacksSys);
        }
        GState st = new GState(gp, blocks.alloc(), NSLOTS);
        GState[] next = Arrays.copyOf(states, states.length + 1);
        next[states.length] = st;
        states = next;
        unlock(lock);
        gp.gcstate = st;
        return st;
    }

    /** Every G's state so far (a snapshot). */
    GState[] states() {
        return states;
    }

    /** The current G's local slot i. */
    public long get(int i) {
        GState st = current();
        return heap.mem.space.getLong(slot(st, i));
    }

    // tag::setLocal[]
    /**
     * Sets the current G's local slot i to p: a write to one's own stack, so no
     * write barrier. While a mark worker scans this G's stack, the write waits for
     * the scan to end.
     */
    public void set(int i, long p) {
        GState st = current();
        if (st.scan.load() == GState.SCANNING) {
            awaitScan(st);
        }
        heap.mem.space.putLong(slot(st, i), p);
    }
    // end::setLocal[]

    private static long slot(GState st, int i) {
        if (i < 0 || i >= st.nslots) {
            throw new IndexOutOfBoundsException("local slot " + i + " of " + st.nslots);
        }
        return st.slots + (long) i * Type.PTR_SIZE;
    }

    /** Waits while a mark worker scans the caller's stack. */
    private static void awaitScan(GState st) {
        while (st.scan.load() == GState.SCANNING) {
            Gort.current().os.osyield();
        }
    }

    /** Markroot's self-scan: scans the caller's own stack now if it is grey in this mark. */
    void scanOwn() {
        GState st = current();
        if (st.scan.cas(GState.GREY, GState.SCANNING)) {
            heap.mark.scanClaimed(st);
        } else {
            awaitScan(st);
        }
    }

    /** Whether the current G's stack is grey (not yet scanned in this mark). */
    boolean currentStackGrey() {
        G gp = Switch.getg();
        Object st = gp == null ? null : gp.gcstate;
        return st != null && ((GState) st).scan.load() != GState.BLACK;
    }

    @Override
    public void scanstack(G gp, LongConsumer slot) {
        Object o = gp.gcstate;
        if (o != null) {
            GState st = (GState) o;
            for (int i = 0; i < st.nslots; i++) {
                slot.accept(st.slots + (long) i * Type.PTR_SIZE);
            }
        }
    }
}
