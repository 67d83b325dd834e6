package dev.gort.bench;

import dev.gort.runtime.mem.MLink;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.os.RealOs;
import dev.gort.runtime.part.FixAllocPart;
import dev.gort.runtime.part.Parts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The unmanaged allocators and checked access, on the real OS (real mappings), off any runtime:
 * what a runtime structure pays to live outside the Java heap.
 *
 * <p>Targets (issue 10): fixalloc alloc+free at most 10 ns; persistentalloc of 64 bytes at most
 * 15 ns; a checked access at most twice an unchecked one. {@link #persistentalloc64} takes a fresh
 * {@code Memory} per invocation of 100,000 allocations, so that what it maps stays bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class UnmanagedMemory {
    static final int PERSISTENT_OPS = 100_000;
    static final int WALK = 1024;

    private FixAllocPart pool;
    private Memory fresh;
    private MLink checked;
    private MLink unchecked;
    private final long[] checkedAddrs = new long[WALK];
    private final long[] uncheckedAddrs = new long[WALK];

    @Setup
    public void setup() {
        pool = newMemory(true).newFixAlloc();
        pool.init(64, null, null, new dev.gort.runtime.mem.SysMemStat("bench"));
        checked = links(newMemory(true), checkedAddrs);
        unchecked = links(newMemory(false), uncheckedAddrs);
    }

    private static Memory newMemory(boolean checked) {
        return new Memory(new RealOs("bench"), checked, Parts.reference());
    }

    /** A fixalloc of 64-byte objects, WALK of them linked in a ring; a view to read them. */
    private static MLink links(Memory mem, long[] addrs) {
        FixAllocPart f = mem.newFixAlloc();
        f.init(64, null, null, mem.otherSys);
        for (int i = 0; i < WALK; i++) {
            addrs[i] = f.alloc();
        }
        MLink view = new MLink(mem.space);
        for (int i = 0; i < WALK; i++) {
            view.at(addrs[i]).setNext(addrs[(i + 1) % WALK]);
        }
        return view;
    }

    @Setup(Level.Invocation)
    public void freshPersistent() {
        fresh = newMemory(true);
    }

    /** fixalloc: one alloc and one free (the free list's fast path), checked mode. */
    @Benchmark
    public long fixallocAllocFree() {
        long p = pool.alloc();
        pool.free(p);
        return p;
    }

    /** persistentalloc of 64 bytes with the default alignment, off a P (the global chunk). */
    @Benchmark
    @OperationsPerInvocation(PERSISTENT_OPS)
    public long persistentalloc64() {
        long last = 0;
        for (int i = 0; i < PERSISTENT_OPS; i++) {
            last = fresh.persistent.persistentalloc(64, 0, fresh.gcMiscSys);
        }
        return last;
    }

    /** Re-point a view and read a field, checked against the region's page states. */
    @Benchmark
    @OperationsPerInvocation(WALK)
    public long checkedAccess() {
        return walk(checked, checkedAddrs);
    }

    /** The same unchecked: a plain load (a stray one would be a real SIGSEGV). */
    @Benchmark
    @OperationsPerInvocation(WALK)
    public long uncheckedAccess() {
        return walk(unchecked, uncheckedAddrs);
    }

    private static long walk(MLink view, long[] addrs) {
        long sum = 0;
        for (long a : addrs) {
            sum += view.at(a).next();
        }
        return sum;
    }
}
