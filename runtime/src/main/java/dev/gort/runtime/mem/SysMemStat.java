package dev.gort.runtime.mem;

import dev.gort.runtime.Panic;
import dev.gort.runtime.atomic.Int64;

/**
 * A count of bytes of memory the runtime obtained from the OS for one purpose (heap, stacks, span
 * structures, ...). Updated atomically; never negative.
 *
 * <p>Go: mstats.go {@code type sysMemStat uint64} and its {@code add}, with the throw
 * {@code "sysMemStat overflow"} when an update would wrap (more freed than was ever counted).
 */
public final class SysMemStat {
    private final String name;          // immutable: Go's field name, e.g. other_sys
    private final Int64 bytes = new Int64();

    public SysMemStat(String name) {
        this.name = name;
    }

    /** Go: sysMemStat.load. */
    public long load() {
        return bytes.load();
    }

    /** Go: sysMemStat.add. Adds n (which may be negative); throws if the count would go below 0. */
    public void add(long n) {
        long val = bytes.add(n);
        if (val < 0 || (n > 0 && val < n)) {
            Panic.print("runtime: val=" + val + " n=" + n + "\n");
            throw Panic.throw_("sysMemStat overflow");
        }
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "=" + load();
    }
}
