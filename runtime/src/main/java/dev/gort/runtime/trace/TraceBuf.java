package dev.gort.runtime.trace;

import java.util.Arrays;

/**
 * One M's trace events, appended by that M only: Go's {@code traceBuf}. Five longs per event:
 * time, type and P packed, goid, M id, and an argument. Read by an export after (or, racily, while)
 * the runtime runs: {@code size} is published last.
 */
public final class TraceBuf {
    static final int WIDTH = 5;

    private long[] data = new long[WIDTH * 1024];
    long dropped;       // events this M dropped because the tracer was full (this M only)
    private volatile int size; // number of longs written

    void add(long ts, int type, long g, int p, long m, long arg) {
        int n = size;
        if (n + WIDTH > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        long[] d = data;
        d[n] = ts;
        d[n + 1] = ((long) type << 32) | (p & 0xffffffffL);
        d[n + 2] = g;
        d[n + 3] = m;
        d[n + 4] = arg;
        size = n + WIDTH;
    }

    /** Appends this buffer's events to {@code out}. */
    void drainTo(java.util.List<TraceEvent> out) {
        int n = size;
        long[] d = data;
        for (int i = 0; i + WIDTH <= n; i += WIDTH) {
            out.add(new TraceEvent(d[i], (int) (d[i + 1] >>> 32), d[i + 2], (int) d[i + 1], d[i + 3], d[i + 4]));
        }
    }
}
