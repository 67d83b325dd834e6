// Generated from runtime/src/main/java/dev/gort/runtime/lock/RWMutexImpl.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: fa12b444ea0db6b4
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
        throw new Todo("rwmutex_rlock", "acquirem; if readerCount.add(1) < 0 a writer is pending: on the system stack, under rLock, consume a readerPass if there is one, else push this M on rw.readers and sleep on m.park (notesleep, then noteclear).", "synchronization#rwmutex");
    }

    /** Go: runlock. */
    @Override
    public void runlock(RWMutex rw) {
        throw new Todo("rwmutex_runlock", "readerCount.add(-1); if the result is negative a writer is pending: throw \"runlock of unlocked rwmutex\" if nobody held it for reading, else if readerWait.add(-1) reaches 0 wake the writer's park note under rLock. releasem.", "synchronization#rwmutex");
    }

    /** Go: lock. */
    @Override
    public void lock(RWMutex rw) {
        throw new Todo("rwmutex_lock", "Take wLock. Subtract RWMUTEX_MAX_READERS from readerCount (r = readers inside). Under rLock, if r != 0 and readerWait.add(r) != 0, record this M as rw.writer, drop rLock and sleep on m.park (system stack), else just drop rLock.", "synchronization#rwmutex");
    }

    /** Go: unlock. */
    @Override
    public void unlock(RWMutex rw) {
        throw new Todo("rwmutex_unlock", "Add RWMUTEX_MAX_READERS back (throw \"unlock of unlocked rwmutex\" if the result is >= it). Under rLock wake every queued reader (notewakeup on each M's park) and add the readers still on their way to readerPass. Then unlock wLock.", "synchronization#rwmutex");
    }
}
