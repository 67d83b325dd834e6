package dev.gort.runtime;

/**
 * The callback of {@code gopark}: Go's {@code unlockf func(*g, unsafe.Pointer) bool}.
 *
 * <p>It runs on the system stack after the parking G has been marked {@code _Gwaiting}, so a waker
 * that sees the G registered (for instance in a wait slot the callback publishes) may
 * {@code goready} it at once, even before the callback returns. Returning {@code false} cancels the
 * park: the G resumes immediately. It must not block and must not park.
 */
@FunctionalInterface
public interface UnlockFunc {
    boolean unlock(G gp, Object lock);
}
