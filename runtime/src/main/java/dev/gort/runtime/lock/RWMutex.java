package dev.gort.runtime.lock;

import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.Int32;

/**
 * The runtime's reader/writer lock: Go's {@code rwmutex}, a copy of {@code sync.RWMutex} that
 * blocks Ms (on their {@code park} notes) instead of Gs. Readers may share it; a writer excludes
 * everybody, and a pending writer stops new readers from entering.
 *
 * <p>Go: rwmutex.go {@code type rwmutex}, {@code rlock}, {@code runlock}, {@code lock},
 * {@code unlock}. The algorithm is a part ({@link RWMutexImpl} by default).
 */
public final class RWMutex {
    /** Far more readers than can ever exist: subtracted from readerCount while a writer is pending. */
    public static final int RWMUTEX_MAX_READERS = 1 << 30;

    public final Mutex rLock = new Mutex(LockRank.TEST_R_INTERNAL, "rwmutex.rLock"); // protects readers, readerPass, writer
    public M readers;                                // guarded by rLock: Ms waiting to read, via schedlink
    public int readerPass;                           // guarded by rLock: pending readers to let through
    public final Mutex wLock = new Mutex(LockRank.TEST_W, "rwmutex.wLock"); // serializes writers
    public M writer;                                 // guarded by rLock: the writer waiting for readers
    public final Int32 readerCount = new Int32();    // number of pending readers
    public final Int32 readerWait = new Int32();     // number of departing readers

    private static dev.gort.runtime.part.RWMutexPart impl(String call) {
        return Switch.getm(call).rt.parts.rwmutex();
    }

    /** Go: rlock. Locks for reading; the M keeps its P (it must not lose it, Go issue 20903). */
    public static void rlock(RWMutex rw) {
        impl("RWMutex.rlock").rlock(rw);
    }

    /** Go: runlock. */
    public static void runlock(RWMutex rw) {
        impl("RWMutex.runlock").runlock(rw);
    }

    /** Go: lock. Locks for writing. */
    public static void lock(RWMutex rw) {
        impl("RWMutex.lock").lock(rw);
    }

    /** Go: unlock. */
    public static void unlock(RWMutex rw) {
        impl("RWMutex.unlock").unlock(rw);
    }
}
