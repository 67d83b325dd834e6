package dev.gort.runtime.atomic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A reference updated atomically: Go's {@code atomic.Pointer[T]} (and {@code guintptr} slots). */
public final class Pointer<T> {
    private static final VarHandle VALUE;
    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Pointer.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile T value;

    public T load() {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return value;
    }

    public void store(T v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        value = v;
    }

    public boolean cas(T old, T v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return VALUE.compareAndSet(this, old, v);
    }

    @SuppressWarnings("unchecked")
    public T xchg(T v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return (T) VALUE.getAndSet(this, v);
    }
}
