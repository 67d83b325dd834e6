package dev.gort.runtime.atomic;

/** A boolean read and written atomically: Go's {@code atomic.Bool}. */
public final class Bool {
    private volatile boolean value;

    public boolean load() {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        return value;
    }

    public void store(boolean v) {
        if (SchedulingPoint.active) SchedulingPoint.reached();
        value = v;
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
