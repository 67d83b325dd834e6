package dev.gort.runtime.os;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A process's standard output and error: where {@code write(1, ...)} and {@code write(2, ...)} go,
 * and a record of what was written to fd 2, which is what a dying runtime reports.
 *
 * <p>Go: os_linux.go {@code write1} on fds 1 and 2, and print.go's {@code printBacklog} (Go keeps the
 * last 512 bytes for crash reports; gort keeps up to {@link #RECORD_LIMIT} bytes, because its
 * {@code FatalError} carries the whole report).
 *
 * <p>Invariants: a write is atomic with respect to other writes of this process (one monitor), as a
 * write(2) of a short buffer to a pipe is. Writing allocates nothing once the record has grown to
 * hold what was written; the sinks are set before the process starts ({@link #dup2}).
 */
public final class Fds {
    /** The most bytes of fd 2 that are recorded; later bytes are written but not recorded. */
    public static final int RECORD_LIMIT = 1 << 20;
    /** Go: EBADF, returned (negated) for a descriptor the process does not have open. */
    public static final int EBADF = 9;

    private OutputStream stdout = System.out; // guarded by this
    private OutputStream stderr = System.err; // guarded by this
    private byte[] record = new byte[0];      // guarded by this: the first bytes written to fd 2
    private int recorded;                     // guarded by this

    /** Points fd (1 or 2) at {@code out}, as a shell's redirection does before the process starts. */
    public synchronized void dup2(OutputStream out, int fd) {
        if (out == null) {
            throw new IllegalArgumentException("fd " + fd + " must point somewhere, got null");
        }
        switch (fd) {
            case 1 -> stdout = out;
            case 2 -> stderr = out;
            default -> throw new IllegalArgumentException("only fds 1 and 2 can be redirected, got " + fd);
        }
    }

    /**
     * Go: write1. Writes {@code n} bytes of {@code b} from {@code off} to fd 1 or 2; returns n, or
     * {@code -EBADF} for any other fd. A failing sink loses the bytes, as a write to a closed pipe
     * does, but fd 2's record keeps them.
     */
    public synchronized int write(int fd, byte[] b, int off, int n) {
        OutputStream out = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (out == null) {
            return -EBADF;
        }
        if (fd == 2) {
            keep(b, off, n);
        }
        try {
            out.write(b, off, n);
            out.flush();
        } catch (IOException e) {
            // EPIPE: the reader is gone; the process goes on, as Go's print does
        }
        return n;
    }

    /** Everything written to fd 2 so far (up to {@link #RECORD_LIMIT} bytes), as text. */
    public synchronized String stderrText() {
        return new String(record, 0, recorded, StandardCharsets.UTF_8);
    }

    private void keep(byte[] b, int off, int n) {
        int room = Math.min(n, RECORD_LIMIT - recorded);
        if (room <= 0) {
            return;
        }
        if (recorded + room > record.length) {
            record = Arrays.copyOf(record, Math.min(RECORD_LIMIT, Math.max(1024, 2 * (recorded + room))));
        }
        System.arraycopy(b, off, record, recorded, room);
        recorded += room;
    }
}
