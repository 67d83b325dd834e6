package dev.gort.runtime.atomic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A 32-bit signed word updated atomically: Go's {@code atomic.Int32}. */
public final class Int32 {
    private static final VarHandle VALUE;
    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Int32.class, "value", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int value;

    public Int32() {}

    public int load() {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return value;
    }

    public void store(int v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        value = v;
    }

    public boolean cas(int old, int v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return VALUE.compareAndSet(this, old, v);
    }

    /** Adds {@code delta} and returns the new value. */
    public int add(int delta) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (int) VALUE.getAndAdd(this, delta) + delta;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
