// Generated from runtime/src/main/java/dev/gort/runtime/lock/RWMutexImpl.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 7647fdb2ba5e192e
package dev.gort.chapters.synchronization;


import dev.gort.runtime.part.RWMutexPart;
import dev.gort.runtime.lock.RWMutex;
import dev.gort.runtime.part.Todo;

/**
 * The runtime rwmutex's algorithm.
 *
 * <p>Go: rwmutex.go.
 */
public final class RWMutexImpl implements RWMutexPart {
    /*
     * Overview. readerCount counts readers inside or arriving. A writer first takes wLock (one
     * writer at a time), then subtracts RWMUTEX_MAX_READERS from readerCount: from then on an
     * arriving reader sees a negative count and queues itself (on rw.readers, sleeping on its M's
     * park note) instead of entering. The writer adds the number of readers that were inside to
     * readerWait and sleeps until the last of them leaves and wakes it. unlock adds the constant
     * back, wakes every queued reader, and lets through (readerPass) the readers that saw the
     * negative count but had not queued yet. Readers keep their P while they wait (acquirem):
     * letting other Ms take every P while a reader sleeps could deadlock the writer.
     */

    /** Go: rlock. */
    @Override
    public void rlock(RWMutex rw) {
        throw new Todo("rwmutex_rlock", "Returns holding rw for reading, with no writer inside; while a writer holds or waits for it, the M sleeps (keeping its P).", "synchronization#rwmutex");
    }

    /** Go: runlock. */
    @Override
    public void runlock(RWMutex rw) {
        throw new Todo("rwmutex_runlock", "Releases one read hold; the last reader to leave before a waiting writer wakes it. Throws \"runlock of unlocked rwmutex\" if nobody held it for reading.", "synchronization#rwmutex");
    }

    /** Go: lock. */
    @Override
    public void lock(RWMutex rw) {
        throw new Todo("rwmutex_lock", "Returns holding rw for writing: no other writer and no reader inside; readers arriving meanwhile wait.", "synchronization#rwmutex");
    }

    /** Go: unlock. */
    @Override
    public void unlock(RWMutex rw) {
        throw new Todo("rwmutex_unlock", "Releases the write hold: every reader that queued or arrived meanwhile is admitted, then the next writer may go. Throws \"unlock of unlocked rwmutex\" if it was not held for writing.", "synchronization#rwmutex");
    }
}
