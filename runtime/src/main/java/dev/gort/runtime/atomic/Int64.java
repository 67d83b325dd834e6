package dev.gort.runtime.atomic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A 64-bit signed word updated atomically: Go's {@code atomic.Int64} (also used for Go's
 * {@code Uint64} counters, which never reach the sign bit here).
 */
public final class Int64 {
    private static final VarHandle VALUE;
    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Int64.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long value;

    public Int64() {}

    public Int64(long initial) {
        value = initial;
    }

    public long load() {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return value;
    }

    public void store(long v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        value = v;
    }

    public boolean cas(long old, long v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return VALUE.compareAndSet(this, old, v);
    }

    public long xchg(long v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (long) VALUE.getAndSet(this, v);
    }

    /** Adds {@code delta} and returns the new value. */
    public long add(long delta) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (long) VALUE.getAndAdd(this, delta) + delta;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
