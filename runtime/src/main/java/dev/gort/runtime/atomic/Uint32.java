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

    public Uint32() {}

    public Uint32(int initial) {
        value = initial;
    }

    public int load() {
        return value;
    }

    public int loadAcq() {
        return (int) VALUE.getAcquire(this);
    }

    public void store(int v) {
        value = v;
    }

    public void storeRel(int v) {
        VALUE.setRelease(this, v);
    }

    public boolean cas(int old, int v) {
        return VALUE.compareAndSet(this, old, v);
    }

    public int xchg(int v) {
        return (int) VALUE.getAndSet(this, v);
    }

    /** Adds {@code delta} and returns the new value, as Go's Xadd does. */
    public int add(int delta) {
        return (int) VALUE.getAndAdd(this, delta) + delta;
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(value);
    }
}
