package dev.gort.runtime.os;

/**
 * Unwinds a thread of a runtime whose process has exited (Go: the thread simply vanishes with the
 * process). Thrown by the OS layer; caught only at the top of an M's thread. Never recoverable by
 * goroutine code: the runtime rethrows it through any goroutine frame.
 */
public final class OsExit extends Error {
    private static final long serialVersionUID = 1L;

    public OsExit() {
        super("process exited", null, false, false);
    }
}
