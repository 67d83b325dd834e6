package dev.gort.runtime.atomic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 32-bit word updated atomically: Go's {@code atomic.Uint32}.
 *
 * <p>Go: internal/runtime/atomic {@code Load}, {@code LoadAcq}, {@code Store}, {@code StoreRel},
 * {@code Cas}, {@code Xchg}, {@code Xadd}. Values are Java {@code int}s; callers that need unsigned
 * comparisons use {@link Integer#compareUnsigned}. The object's identity doubles as a futex address.
 */
public final class Uint32 {
    private static final VarHandle VALUE;
    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Uint32.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int value;
    private final Object owner; // what this word is the key of (a Mutex, a Note), for reports; or null

    public Uint32() {
        this(0, null);
    }

    public Uint32(int initial) {
        this(initial, null);
    }

    /**
     * A word that is the futex key of {@code owner}: a simulated OS names the owner when it reports
     * an M blocked on this word.
     */
    public Uint32(int initial, Object owner) {
        this.value = initial;
        this.owner = owner;
    }

    public int load() {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return value;
    }

    public int loadAcq() {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (int) VALUE.getAcquire(this);
    }

    public void store(int v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        value = v;
    }

    public void storeRel(int v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        VALUE.setRelease(this, v);
    }

    public boolean cas(int old, int v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return VALUE.compareAndSet(this, old, v);
    }

    public int xchg(int v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (int) VALUE.getAndSet(this, v);
    }

    /** Adds {@code delta} and returns the new value, as Go's Xadd does. */
    public int add(int delta) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (int) VALUE.getAndAdd(this, delta) + delta;
    }

    /** The object this word is the key of, or null. */
    public Object owner() {
        return owner;
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(value);
    }
}
