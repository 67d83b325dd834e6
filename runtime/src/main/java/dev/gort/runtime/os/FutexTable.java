package dev.gort.runtime.os;

import dev.gort.runtime.atomic.Uint32;
import java.util.concurrent.locks.LockSupport;

/**
 * Futex emulation for real threads: a hash table of sleeping threads keyed by the identity of the
 * futex word, as the Linux kernel keys its futex queues by address.
 *
 * <p>Overview: {@code sleep} takes the bucket's monitor, re-reads the word and enqueues itself only
 * if it still holds the expected value; {@code wakeup} takes the same monitor, so a wakeup that
 * follows the value change cannot slip between the re-read and the enqueue (the classic lost
 * wakeup). A woken waiter is unlinked by the waker; a timed-out waiter unlinks itself.
 */
final class FutexTable {
    /** One sleeping thread. Reused: an OsThread owns one; other callers allocate per sleep. */
    static final class Waiter {
        Uint32 addr;             // guarded by the bucket: what it sleeps on
        Thread thread;           // guarded by the bucket
        Waiter next;             // guarded by the bucket
        volatile boolean woken;  // set by the waker after unlinking
    }

    private static final int NBUCKETS = 64; // must be a power of two

    private final Bucket[] buckets = new Bucket[NBUCKETS];
    private volatile boolean closed; // after close, sleepers are all woken and nobody sleeps again

    FutexTable() {
        for (int i = 0; i < NBUCKETS; i++) {
            buckets[i] = new Bucket();
        }
    }

    private static final class Bucket {
        Waiter head; // guarded by this
    }

    private Bucket bucket(Uint32 addr) {
        int h = System.identityHashCode(addr);
        return buckets[(h ^ (h >>> 16)) & (NBUCKETS - 1)];
    }

    /**
     * Sleeps {@code self} (the calling thread, passed in because goroutine code must not trust
     * {@code Thread.currentThread()}: see {@code Switch}). Returns false when the table is closed
     * (the process exited).
     */
    boolean sleep(Uint32 addr, int val, long ns, Waiter w, Thread self) {
        Bucket b = bucket(addr);
        synchronized (b) {
            if (closed) {
                return false;
            }
            if (addr.load() != val) {
                return true;
            }
            w.addr = addr;
            w.thread = self;
            w.woken = false;
            w.next = b.head;
            b.head = w;
        }
        long deadline = ns < 0 ? 0 : System.nanoTime() + ns;
        while (!w.woken) {
            if (ns < 0) {
                LockSupport.park();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(left);
            }
        }
        if (!w.woken) {
            synchronized (b) {
                unlink(b, w);
            }
        }
        w.thread = null;
        return !closed;
    }

    void wakeup(Uint32 addr, int cnt) {
        Bucket b = bucket(addr);
        synchronized (b) {
            Waiter prev = null;
            for (Waiter w = b.head; w != null && cnt > 0; ) {
                Waiter next = w.next;
                if (w.addr == addr) {
                    if (prev == null) {
                        b.head = next;
                    } else {
                        prev.next = next;
                    }
                    wake(w);
                    cnt--;
                } else {
                    prev = w;
                }
                w = next;
            }
        }
    }

    /** Wakes everybody and refuses later sleeps. */
    void close() {
        closed = true;
        for (Bucket b : buckets) {
            synchronized (b) {
                for (Waiter w = b.head; w != null; w = w.next) {
                    wake(w);
                }
                b.head = null;
            }
        }
    }

    private static void wake(Waiter w) {
        Thread t = w.thread;
        w.next = null;
        w.woken = true;
        LockSupport.unpark(t);
    }

    private static void unlink(Bucket b, Waiter w) {
        Waiter prev = null;
        for (Waiter x = b.head; x != null; prev = x, x = x.next) {
            if (x == w) {
                if (prev == null) {
                    b.head = x.next;
                } else {
                    prev.next = x.next;
                }
                x.next = null;
                return;
            }
        }
    }
}
