package dev.gort.runtime.trace;

import java.lang.foreign.MemorySegment;

/**
 * Where the tracer's buffers come from: unmanaged memory obtained from the OS, as Go's
 * {@code traceBuf}s are ({@code sysAlloc} in trace.go). Declared here so that the tracer, below
 * the memory subsystem, does not import it; the runtime's {@code mem.Memory} implements it.
 */
public interface TraceMemory {
    /** n bytes of zeroed memory outside the Java heap, kept for as long as this object lives. */
    MemorySegment traceBufAlloc(long n);
}
