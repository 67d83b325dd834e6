package dev.gort.runtime.mem;

import dev.gort.runtime.Panic;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.FixAllocPart;
import dev.gort.runtime.part.LinearAllocPart;
import dev.gort.runtime.part.PersistentAllocPart;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.part.SysMemPart;
import dev.gort.runtime.trace.TraceMemory;
import java.lang.foreign.MemorySegment;

/**
 * A runtime's unmanaged memory: its address space, the memory statistics, and the allocators that
 * work outside the garbage-collected heap (the sysAlloc family, persistentalloc; fixalloc and
 * linearAlloc instances on demand), as the runtime's parts choose them.
 *
 * <p>Go: the globals {@code memstats} (mstats.go, the {@code *_sys} sysMemStats),
 * {@code gcController.mappedReady}, {@code globalAlloc} and {@code persistentChunks} (malloc.go),
 * and {@code readmemstats_m}.
 *
 * <p>Invariant (checked by tests): the sum of the statistics equals the bytes the runtime holds in
 * the Prepared and Ready states (faulted memory aside), and {@code mappedReady} equals the Ready
 * bytes. Nothing here holds a Java reference inside unmanaged memory.
 */
public final class Memory implements TraceMemory {
    // immutable after construction:
    public final Os os;
    public final AddressSpace space;
    private final Parts parts;

    // Go's sysMemStats (mstats.go), one per purpose:
    public final SysMemStat heapSys = new SysMemStat("heapSys");         // heap spans
    public final SysMemStat stacksSys = new SysMemStat("stacks_sys");    // goroutine stacks
    public final SysMemStat mspanSys = new SysMemStat("mspan_sys");      // span structures
    public final SysMemStat mcacheSys = new SysMemStat("mcache_sys");    // per-P caches
    public final SysMemStat buckhashSys = new SysMemStat("buckhash_sys"); // profiling buckets
    public final SysMemStat gcMiscSys = new SysMemStat("gcMiscSys");     // GC metadata
    public final SysMemStat otherSys = new SysMemStat("other_sys");      // everything else
    public final SysMemStat mappedReady = new SysMemStat("mappedReady"); // Ready bytes

    /** The reference memory parts, for those a configuration leaves unchosen. */
    private static final Parts REFERENCE = Parts.reference().sysmem(SysMem::new)
            .persistentalloc(PersistentAlloc::new).fixalloc(FixAlloc::new).linearalloc(LinearAlloc::new);

    // the runtime's instances of the parts (one each per runtime):
    public final SysMemPart sysmem;
    public final PersistentAllocPart persistent;

    /**
     * @param os      where memory comes from
     * @param checked whether accesses are checked against the region states (always, on SimOs)
     * @param parts   which implementation of each memory part to use
     */
    public Memory(Os os, boolean checked, Parts parts) {
        this.os = os;
        this.space = new AddressSpace(os, checked);
        this.parts = parts.orElse(REFERENCE);
        this.sysmem = this.parts.newSysMem(this);
        this.persistent = this.parts.newPersistentAlloc(this);
    }

    /** A new, uninitialised fixalloc (call init before use). */
    public FixAllocPart newFixAlloc() {
        return parts.newFixAlloc(this);
    }

    /** A new, uninitialised linearAlloc (call init before use). */
    public LinearAllocPart newLinearAlloc() {
        return parts.newLinearAlloc(this);
    }

    // tag::readMemStats[]
    /** The statistics as Go's MemStats has them. Go: readmemstats_m. */
    public MemStats readMemStats() {
        long heap = heapSys.load();
        long stack = stacksSys.load();
        long mspan = mspanSys.load();
        long mcache = mcacheSys.load();
        long buckhash = buckhashSys.load();
        long gc = gcMiscSys.load();
        long other = otherSys.load();
        long sys = heap + stack + mspan + mcache + buckhash + gc + other;
        return new MemStats(sys, heap, stack, mspan, 0, mcache, 0, buckhash,
                gc, other, mappedReady.load());
    }
    // end::readMemStats[]

    /**
     * The region that holds all of [v, v+n). A call of the sysAlloc family on memory the runtime
     * does not hold is a broken invariant: it throws, naming the call.
     */
    public Region held(long v, long n, String fn) {
        Region r = space.region(v);
        if (r == null || n < 0 || v + n > r.base + r.size) {
            Panic.print("runtime: " + fn + "(0x" + Long.toHexString(v) + ", " + n
                    + ") outside the memory the runtime holds\n");
            throw Panic.throw_(fn + " of memory the runtime does not hold");
        }
        return r;
    }

    /** Go: alignUp. Rounds n up to a multiple of a, a power of two. */
    public static long alignUp(long n, long a) {
        return (n + a - 1) & -a;
    }

    /**
     * Go: trace.go allocates each trace buffer with sysAlloc, counted in other_sys
     * ({@code "trace: out of memory"} if it cannot).
     */
    @Override
    public MemorySegment traceBufAlloc(long n) {
        long p = sysmem.sysAlloc(n, otherSys);
        if (p == 0) {
            throw Panic.throw_("trace: out of memory");
        }
        return space.bytes(p, n);
    }
}
