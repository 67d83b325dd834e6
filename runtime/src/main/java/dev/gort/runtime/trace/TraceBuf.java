package dev.gort.runtime.trace;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One M's trace events, appended by that M only: Go's {@code traceBuf}, in unmanaged memory.
 * Events are five longs (time, type and P packed, goid, M id, argument) in 64 KB buffers obtained
 * from the runtime's sysAlloc (Go: {@code traceBytesPerBuffer}); a full buffer is kept and a new one
 * started. Read by an export after (or, racily, while) the runtime runs: {@code size} is published
 * last.
 */
public final class TraceBuf {
    static final int WIDTH = 5;
    static final long BUFFER_BYTES = 64 << 10;               // Go: traceBytesPerBuffer
    static final int EVENTS_PER_BUFFER = (int) (BUFFER_BYTES / (WIDTH * Long.BYTES));

    private final TraceMemory memory;                        // keeps the buffers mapped
    private final List<MemorySegment> full = new ArrayList<>(); // filled buffers, oldest first
    private MemorySegment cur;                               // the buffer being filled
    long dropped;       // events this M dropped because the tracer was full (this M only)
    private volatile int size; // events written to cur

    TraceBuf(TraceMemory memory) {
        this.memory = memory;
    }

    void add(long ts, int type, long g, int p, long m, long arg) {
        int n = size;
        if (cur == null || n == EVENTS_PER_BUFFER) {
            MemorySegment b = memory.traceBufAlloc(BUFFER_BYTES);
            if (cur != null) {
                full.add(cur);
            }
            cur = b;
            size = 0;
            n = 0;
        }
        long off = (long) n * WIDTH * Long.BYTES;
        MemorySegment d = cur;
        d.set(ValueLayout.JAVA_LONG, off, ts);
        d.set(ValueLayout.JAVA_LONG, off + 8, ((long) type << 32) | (p & 0xffffffffL));
        d.set(ValueLayout.JAVA_LONG, off + 16, g);
        d.set(ValueLayout.JAVA_LONG, off + 24, m);
        d.set(ValueLayout.JAVA_LONG, off + 32, arg);
        size = n + 1;
    }

    /** Appends this buffer's events to {@code out}. */
    void drainTo(List<TraceEvent> out) {
        int n = size;
        MemorySegment c = cur;
        for (MemorySegment b : List.copyOf(full)) {
            drain(b, EVENTS_PER_BUFFER, out);
        }
        if (c != null) {
            drain(c, n, out);
        }
    }

    private static void drain(MemorySegment d, int n, List<TraceEvent> out) {
        for (int i = 0; i < n; i++) {
            long off = (long) i * WIDTH * Long.BYTES;
            long tp = d.get(ValueLayout.JAVA_LONG, off + 8);
            out.add(new TraceEvent(d.get(ValueLayout.JAVA_LONG, off), (int) (tp >>> 32),
                    d.get(ValueLayout.JAVA_LONG, off + 16), (int) tp,
                    d.get(ValueLayout.JAVA_LONG, off + 24), d.get(ValueLayout.JAVA_LONG, off + 32)));
        }
    }
}
