package dev.gort.runtime.os;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel mappings one process (one runtime) holds, so that they are unmapped when the process
 * is gone. gort's own: a Go process returns its mappings by exiting; a gort runtime is an object in
 * a JVM that runs many, so its mappings are unmapped when its OS object becomes unreachable (no
 * thread, view or trace buffer of that runtime can touch them any more).
 *
 * <p>Ranges are page aligned and never overlap; {@link #remove} splits a range when only part of it
 * is unmapped, so that the cleanup never unmaps pages the kernel has since handed to someone else.
 */
final class LiveMappings {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Ranges ranges = new Ranges();

    /** Unmaps what is still mapped once {@code owner} (an OS object) is unreachable. */
    LiveMappings(Object owner) {
        CLEANER.register(owner, ranges);
    }

    void add(long addr, long n) {
        synchronized (ranges) {
            ranges.live.put(addr, addr + n);
            ranges.bytes += n;
        }
    }

    /** Forgets [addr, addr+n): the caller unmapped it. */
    void remove(long addr, long n) {
        long end = addr + n;
        synchronized (ranges) {
            Map.Entry<Long, Long> e = ranges.live.floorEntry(addr);
            if (e == null || e.getValue() <= addr) {
                e = ranges.live.ceilingEntry(addr);
            }
            while (e != null && e.getKey() < end) {
                long s = e.getKey();
                long t = e.getValue();
                ranges.live.remove(s);
                ranges.bytes -= Math.min(t, end) - Math.max(s, addr);
                if (s < addr) {
                    ranges.live.put(s, addr);
                }
                if (t > end) {
                    ranges.live.put(end, t);
                }
                e = ranges.live.higherEntry(s);
            }
        }
    }

    /** Bytes mapped now. */
    long bytes() {
        synchronized (ranges) {
            return ranges.bytes;
        }
    }

    /** The cleanup action: holds the ranges only, never the owner. */
    private static final class Ranges implements Runnable {
        final TreeMap<Long, Long> live = new TreeMap<>(); // start -> end, guarded by this
        long bytes;                                        // sum of the ranges, guarded by this

        @Override
        public synchronized void run() {
            for (Map.Entry<Long, Long> e : live.entrySet()) {
                Mappings.munmap(e.getKey(), e.getValue() - e.getKey());
            }
            live.clear();
            bytes = 0;
        }
    }
}
