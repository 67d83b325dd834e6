package dev.gort.runtime.part;

import dev.gort.runtime.lock.Note;

/**
 * One-shot events for Ms. Go: lock_futex.go noteclear, notewakeup, notesleep, notetsleep,
 * notetsleepg. Reference: {@code dev.gort.runtime.lock.NoteFutex}.
 */
public interface NotePart {
    void noteclear(Note n);

    void notewakeup(Note n);

    void notesleep(Note n);

    boolean notetsleep(Note n, long ns);

    boolean notetsleepg(Note n, long ns);
}
