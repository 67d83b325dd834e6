package dev.gort.runtime.sched;

import dev.gort.runtime.atomic.Uint32;

/**
 * One bit per P, set and cleared atomically: Go's {@code pMask} ({@code idlepMask}). Read without
 * locks by stealing Ms to skip idle Ps, whose run queues are empty.
 */
public final class PMask {
    private final Uint32[] words;

    public PMask(int nprocs) {
        words = new Uint32[(nprocs + 31) / 32];
        for (int i = 0; i < words.length; i++) {
            words[i] = new Uint32();
        }
    }

    public boolean read(int id) {
        return (words[id >>> 5].load() & (1 << (id & 31))) != 0;
    }

    public void set(int id) {
        Uint32 w = words[id >>> 5];
        int bit = 1 << (id & 31);
        for (int old = w.load(); !w.cas(old, old | bit); old = w.load()) {
            // retry
        }
    }

    public void clear(int id) {
        Uint32 w = words[id >>> 5];
        int bit = 1 << (id & 31);
        for (int old = w.load(); !w.cas(old, old & ~bit); old = w.load()) {
            // retry
        }
    }
}
