package dev.gort.runtime.lock;

import static dev.gort.runtime.lock.RWMutex.RWMUTEX_MAX_READERS;

import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.part.RWMutexPart;

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
        // SOLUTION rwmutex_rlock: Returns holding rw for reading, with no writer inside; while a writer holds or waits for it, the M sleeps (keeping its P). | book: synchronization#rwmutex
        M mp = M.acquirem();
        if (rw.readerCount.add(1) < 0) {
            // A writer is pending. Park on the reader queue.
            Switch.systemstack(() -> {
                Mutex.lock(rw.rLock);
                if (rw.readerPass > 0) {
                    // Writer finished.
                    rw.readerPass -= 1;
                    Mutex.unlock(rw.rLock);
                } else {
                    // Queue this reader to be woken by the writer.
                    mp.schedlink = rw.readers;
                    rw.readers = mp;
                    Mutex.unlock(rw.rLock);
                    Note.notesleep(mp.park);
                    Note.noteclear(mp.park);
                }
            });
        }
        // END SOLUTION
    }

    /** Go: runlock. */
    @Override
    public void runlock(RWMutex rw) {
        // SOLUTION rwmutex_runlock: Releases one read hold; the last reader to leave before a waiting writer wakes it. Throws "runlock of unlocked rwmutex" if nobody held it for reading. | book: synchronization#rwmutex
        int r = rw.readerCount.add(-1);
        if (r < 0) {
            if (r + 1 == 0 || r + 1 == -RWMUTEX_MAX_READERS) {
                throw Panic.throw_("runlock of unlocked rwmutex");
            }
            // A writer is pending.
            if (rw.readerWait.add(-1) == 0) {
                // The last reader unblocks the writer.
                Mutex.lock(rw.rLock);
                M w = rw.writer;
                if (w != null) {
                    Note.notewakeup(w.park);
                }
                Mutex.unlock(rw.rLock);
            }
        }
        M.releasem(Switch.getm());
        // END SOLUTION
    }

    /** Go: lock. */
    @Override
    public void lock(RWMutex rw) {
        // SOLUTION rwmutex_lock: Returns holding rw for writing: no other writer and no reader inside; readers arriving meanwhile wait. | book: synchronization#rwmutex
        // Resolve competition with other writers and stick to our P.
        Mutex.lock(rw.wLock);
        M mp = Switch.getm();
        // Announce that there is a pending writer.
        int r = rw.readerCount.add(-RWMUTEX_MAX_READERS) + RWMUTEX_MAX_READERS;
        // Wait for any active readers to complete.
        Mutex.lock(rw.rLock);
        if (r != 0 && rw.readerWait.add(r) != 0) {
            // Wait for reader to wake us up.
            Switch.systemstack(() -> {
                rw.writer = mp;
                Mutex.unlock(rw.rLock);
                Note.notesleep(mp.park);
                Note.noteclear(mp.park);
            });
        } else {
            Mutex.unlock(rw.rLock);
        }
        // END SOLUTION
    }

    /** Go: unlock. */
    @Override
    public void unlock(RWMutex rw) {
        // SOLUTION rwmutex_unlock: Releases the write hold: every reader that queued or arrived meanwhile is admitted, then the next writer may go. Throws "unlock of unlocked rwmutex" if it was not held for writing. | book: synchronization#rwmutex
        // Announce to readers that there is no active writer.
        int r = rw.readerCount.add(RWMUTEX_MAX_READERS);
        if (r >= RWMUTEX_MAX_READERS) {
            throw Panic.throw_("unlock of unlocked rwmutex");
        }
        // Unblock blocked readers.
        Mutex.lock(rw.rLock);
        while (rw.readers != null) {
            M reader = rw.readers;
            rw.readers = reader.schedlink;
            reader.schedlink = null;
            Note.notewakeup(reader.park);
            r -= 1;
        }
        // If r > 0, there are pending readers that aren't on the queue. Tell them to skip waiting.
        rw.readerPass += r;
        Mutex.unlock(rw.rLock);
        // Allow other writers to proceed.
        Mutex.unlock(rw.wLock);
        // END SOLUTION
    }
}
