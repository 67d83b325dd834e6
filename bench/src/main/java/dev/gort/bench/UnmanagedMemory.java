package dev.gort.bench;

import dev.gort.runtime.mem.MLink;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.Region;
import dev.gort.runtime.mem.SysMemStat;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The unmanaged allocators and checked access, on the real OS (real mappings), off any runtime:
 * what a runtime structure pays to live outside the Java heap.
 *
 * <p>Targets (issue 10): fixalloc alloc+free at most 10 ns; persistentalloc of 64 bytes at most
 * 15 ns; a checked access at most twice an unchecked one. {@code checked} is the address space's
 * mode: checked (the default, and always on the simulated OS) looks each access up in the region
 * table; unchecked is a plain load or store.
 *
 * <p>Each benchmark has its own state, so that the per-invocation set-up of
 * {@link #persistentalloc64} (a fresh {@code Memory} for every 100,000 allocations, so that what
 * it maps stays bounded, and unmapped again after them) is not paid, nor timed per call, by the
 * nanosecond benchmarks. Each nanosecond benchmark runs a batch of calls per invocation, so that
 * JMH's own cost per invocation (a call, a timestamp check, the blackhole) is not counted as the
 * allocator's.
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
    static final int FIX_OPS = 1024;
    static final int WALK = 1024;

    @Param({"true", "false"})
    public boolean checked;

    private static Memory newMemory(boolean checked) {
        return new Memory(new RealOs("bench"), checked, Parts.reference());
    }

    /** An address space, and a fixalloc of 64-byte objects in it (zeroed on reuse, Go's default). */
    @State(Scope.Thread)
    public static class Pool {
        Memory mem;
        FixAllocPart pool;

        @Setup
        public void setup(UnmanagedMemory bench) {
            mem = newMemory(bench.checked);
            pool = mem.newFixAlloc();
            pool.init(64, null, null, new SysMemStat("bench"));
        }
    }

    /** A fresh address space per invocation, for persistentalloc (which never frees). */
    @State(Scope.Thread)
    public static class Fresh {
        Memory mem;

        @Setup(Level.Invocation)
        public void setup(UnmanagedMemory bench) {
            mem = newMemory(bench.checked);
        }

        /** Unmaps what the invocation mapped, so that no garbage collection has to. */
        @TearDown(Level.Invocation)
        public void teardown() {
            for (Region r : mem.space.regions()) {
                mem.os.munmap(r.base, r.size);
            }
        }
    }

    /** WALK 64-byte objects of a fixalloc, linked in a ring, and a view to read them. */
    @State(Scope.Thread)
    public static class Ring {
        final long[] addrs = new long[WALK];
        MLink view;

        @Setup
        public void setup(UnmanagedMemory bench) {
            Memory mem = newMemory(bench.checked);
            FixAllocPart f = mem.newFixAlloc();
            f.init(64, null, null, mem.otherSys);
            for (int i = 0; i < WALK; i++) {
                addrs[i] = f.alloc();
            }
            view = new MLink(mem.space);
            for (int i = 0; i < WALK; i++) {
                view.at(addrs[i]).setNext(addrs[(i + 1) % WALK]);
            }
        }
    }

    /** fixalloc: one alloc and one free (the free list's fast path, with the reuse's zeroing). */
    @Benchmark
    @OperationsPerInvocation(FIX_OPS)
    public long fixallocAllocFree(Pool s) {
        long sum = 0;
        for (int i = 0; i < FIX_OPS; i++) {
            long p = s.pool.alloc();
            s.pool.free(p);
            sum += p;
        }
        return sum;
    }

    /** persistentalloc of 64 bytes with the default alignment, off a P (the global chunk). */
    @Benchmark
    @OperationsPerInvocation(PERSISTENT_OPS)
    public long persistentalloc64(Fresh s) {
        long last = 0;
        for (int i = 0; i < PERSISTENT_OPS; i++) {
            last = s.mem.persistent.persistentalloc(64, 0, s.mem.gcMiscSys);
        }
        return last;
    }

    /**
     * sysAlloc and sysFree of 64 KB: an mmap and a munmap through FFM, the region table and the
     * statistics. Go: BenchmarkMmapMunmap (the two system calls alone).
     */
    @Benchmark
    public long sysAllocFree(Pool s) {
        Memory mem = s.mem;
        long p = mem.sysmem.sysAlloc(64 << 10, mem.otherSys);
        mem.sysmem.sysFree(p, 64 << 10, mem.otherSys);
        return p;
    }

    /** Re-point a view and read a field: checked against the page states, or a plain load. */
    @Benchmark
    @OperationsPerInvocation(WALK)
    public long viewAccess(Ring s) {
        long sum = 0;
        for (long a : s.addrs) {
            sum += s.view.at(a).next();
        }
        return sum;
    }
}
