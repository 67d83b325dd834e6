package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.part.MarkrootPart;
import dev.gort.runtime.part.MemclrPart;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.part.SweepPart;
import dev.gort.runtime.part.WriteBarrierPart;
import dev.gort.runtime.sched.GQueue;
import dev.gort.runtime.sched.Sched;

/**
 * A runtime's garbage-collected heap: the page heap, the central span lists, each P's cache, the
 * collector's phase and sweep generation, and the parts that allocate, zero, mark and sweep.
 *
 * <p>Go: the globals {@code mheap_} (mheap.go), {@code gcphase}, {@code writeBarrier},
 * {@code gcBlackenEnabled} (mgc.go, mbarrier.go), {@code debug.gccheckmark},
 * {@code debug.clobberfree} (runtime1.go) and {@code gcController}'s percent.
 *
 * <p>Objects live in unmanaged memory; a pointer slot holds an address. Phase changes happen
 * only with the world stopped: {@code gcphase} and {@code writeBarrierEnabled} are volatile so
 * that every M sees them when the world restarts. {@code sweepgen} moves by 2 at each mark
 * termination.
 */
public final class Heap {
    // Go's GC phases (mgc.go).
    public static final int _GCoff = 0;             // not collecting: sweeping, barrier off
    public static final int _GCmark = 1;            // marking: barrier on, allocate black
    public static final int _GCmarktermination = 2; // mark termination: world stopped

    /** Go: clobberdeadPtr. The word poisoned memory is filled with; never a valid pointer. */
    public static final long clobberdeadPtr = 0xdeaddeaddeaddeadL;

    // immutable after construction:
    public final Memory mem;
    private final boolean checkDirectives;   // checked mode: @NoWriteBarrier is enforced
    final MHeap mheap;
    private final MCentral[] central = new MCentral[SizeClasses.NUM_SPAN_CLASSES];
    private MCache[] caches;                 // by P id; made on first use by that P; grown by procresize
    private WbBuf[] wbBufs;                  // by P id; made on first use by that P; grown by procresize
    public final HeapStats stats = new HeapStats();
    final SweepPart sweeper;
    public final MemclrPart zeroing;
    public final WriteBarrierPart barrier;
    final MarkrootPart marker;
    final GcWork work = new GcWork();
    final Mark mark;
    public final Roots roots = new Roots();  // globals and explicit roots
    public final Locals locals;              // goroutines' pointer slots (gort's stacks for now)
    final StackRoots stacks;                 // how goroutine stacks are scanned

    // guarded by cycleLock: goroutines waiting for a cycle to finish (Gort.gc)
    final Mutex cycleLock = new Mutex();
    final GQueue cycleWaiters = new GQueue();

    // set at sweep termination (world stopped), read by the cycle's workers:
    private Roots.Block[] rootJobs = new Roots.Block[0];
    private GState[] stackJobs = new GState[0];

    // changed only with the world stopped:
    volatile int gcphase = _GCoff;
    volatile boolean writeBarrierEnabled;    // Go: writeBarrier.enabled
    private volatile long sweepgen;          // Go: mheap_.sweepgen

    // debug settings (Go: GODEBUG), set before the program allocates:
    public volatile boolean checkmark;       // Go: gccheckmark=1
    public volatile boolean poison;          // fill freed objects with clobberdeadPtr
    volatile int gcpercent = 100;            // Go: GOGC

    // pacing:
    volatile long trigger = Gc.HEAP_MINIMUM; // heapLive that starts the next cycle
    volatile boolean triggered;              // heapLive reached trigger: mallocgc starts a cycle
    private long zerobase;                   // Go: zerobase; made on first use

    /** The reference collector parts, for those a configuration leaves unchosen. */
    private static final Parts REFERENCE = Parts.reference().writebarrier(WriteBarrier::new)
            .memclr(Zeroing::new).sweep(Sweeper::new).markroot(Markroot::new);

    /** A heap over mem for up to maxprocs Ps, with the collector's parts as chosen. */
    public Heap(Memory mem, int maxprocs, Parts chosen, boolean checkDirectives) {
        Parts parts = chosen.orElse(REFERENCE);
        this.checkDirectives = checkDirectives;
        this.mem = mem;
        this.mheap = new MHeap(mem);
        for (int spc = 0; spc < central.length; spc++) {
            central[spc] = new MCentral(this, spc);
        }
        this.caches = new MCache[maxprocs];
        this.wbBufs = new WbBuf[maxprocs];
        this.mark = new Mark(this, work);
        this.locals = new Locals(this);
        this.stacks = new GoroutineStacks(this);
        this.sweeper = parts.newSweep(this);
        this.zeroing = parts.newMemclr(this);
        this.barrier = parts.newWriteBarrier(this);
        this.marker = parts.newMarkroot(this);
    }

    /** The heap's sweep generation (see {@link MSpan}). */
    public long sweepgen() {
        return sweepgen;
    }

    /** The collector's phase: {@link #_GCoff}, {@link #_GCmark} or {@link #_GCmarktermination}. */
    public int gcphase() {
        return gcphase;
    }

    /** Go: writeBarrier.enabled. */
    public boolean writeBarrierEnabled() {
        return writeBarrierEnabled;
    }

    MCentral central(int spc) {
        return central[spc];
    }

    /** Go: getMCache. The current P's cache; throws without a P. */
    MCache mcache(M mp) {
        P pp = mp == null ? null : mp.p;
        if (pp == null) {
            throw Panic.throw_("mallocgc called without a P or outside bootstrapping");
        }
        MCache c = caches[pp.id];
        if (c == null) {
            c = new MCache(this);
            caches[pp.id] = c;
        }
        return c;
    }

    /**
     * Go: {@code &getg().m.p.ptr().wbBuf}, after the barrier's precondition (see
     * {@link #checkBarrier}). The current P's write-barrier buffer, for a barrier to record the
     * pointers it must shade.
     */
    public WbBuf wbBuf() {
        M mp = Switch.getm();
        checkBarrier(mp);
        P pp = mp.p;
        WbBuf b = wbBufs[pp.id];
        if (b == null) {
            b = new WbBuf(this, pp, mcache(mp).stats);
            wbBufs[pp.id] = b;
        }
        return b;
    }

    /** Every P's write-barrier buffer made so far (for stop-the-world work). */
    WbBuf[] wbBufs() {
        return wbBufs;
    }

    /** Room for the caches of P ids below nprocs (the world is stopped). Go: p.mcache, p.wbBuf. */
    public void procresize(int nprocs) {
        if (nprocs > caches.length) {
            caches = java.util.Arrays.copyOf(caches, nprocs);
            wbBufs = java.util.Arrays.copyOf(wbBufs, nprocs);
        }
    }

    /** Every P's cache made so far (for stop-the-world work). */
    MCache[] caches() {
        return caches;
    }

    /** Go: mallocgc. See {@link Malloc#mallocgc}. */
    public long mallocgc(long size, Type typ, boolean needzero) {
        return Malloc.mallocgc(this, size, typ, needzero);
    }

    /** Go: new(T). A zeroed object of type typ. */
    public long newobject(Type typ) {
        return Malloc.mallocgc(this, typ.size, typ, true);
    }

    // ---- what parts use (public: a chapter's copy of a part calls these) ----

    /** Go: memclrNoHeapPointers, counted. Clears [p, p+n), which holds no pointer the GC sees. */
    public void memclrNoHeapPointers(long p, long n) {
        stats.zeroedNoHeapPointers.add(n);
        mem.space.memclrNoHeapPointers(p, n);
    }

    /** Counts n bytes as cleared behind barriers (typedmemclr, memclrHasPointers). */
    public void countClearedWithBarriers(long n) {
        stats.zeroedHasPointers.add(n);
        stats.zeroedNoHeapPointers.add(-n);
    }

    /** The current P's share of the counters, or null on an M without a P. */
    private HeapStats.Delta delta() {
        M mp = Switch.getm();
        P pp = mp == null ? null : mp.p;
        return pp == null ? null : mcache(mp).stats;
    }

    /** A view of the span structure at s (a new view: for parts, off the hot paths). */
    public MSpan span(long s) {
        return new MSpan(mem.space).at(s);
    }

    /** The size of the slot holding the heap object at b (its size class's size). */
    public long objectSize(long b) {
        return mcache(Switch.getm()).mark.at(mheap.spanOf(b)).elemsize();
    }

    /** Go: findObject. See {@link Mark#findObject}. */
    public long findObject(long p, long refBase, long refOff) {
        return mark.findObject(p, refBase, refOff);
    }

    /** Go: greyobject. See {@link Mark#greyobject}. */
    public void greyobject(long obj, long refBase, long refOff) {
        mark.greyobject(obj, refBase, refOff);
    }

    /** The marking part, for the write barrier's shading. */
    public MarkrootPart marker() {
        return marker;
    }

    /** This cycle's root blocks: markroot jobs 0 .. length-1. */
    public Roots.Block[] rootJobs() {
        return rootJobs;
    }

    /** This cycle's goroutine stacks: markroot jobs after the root blocks. */
    GState[] stackJobs() {
        return stackJobs;
    }

    /** Runs stack job j of this cycle (markroot's stack case). */
    public void scanStackJob(int j) {
        mark.scanStackJob(stackJobs[j]);
    }

    /**
     * Go: markroot's self-scan. Scans the calling goroutine's stack now, if the collector is
     * marking and has not scanned it in this cycle; afterwards its stack writes need no barrier and
     * its pointer stores need not shade the new value.
     */
    public void scanOwnStack() {
        G gp = Switch.getg();
        if (gcphase != _GCoff && gp != null && !gp.isSystem()) {
            mark.scanOwn(GState.of(gp));
        }
    }

    /**
     * A test hook in the spirit of Go's export_test.go: runs a full collection like
     * {@link dev.gort.runtime.Gort#gc()}, calling {@code duringMark} on the calling goroutine once
     * the root jobs have run — every root block and every stack but the caller's scanned, so the
     * objects they point to are grey, the caller's stack is grey, everything else white — and
     * before any object is scanned. Mark workers start when it returns.
     */
    public void gcWith(Runnable duringMark) {
        Gc.gcWith(this, duringMark);
    }

    /** Whether the current goroutine's stack is still grey in this mark (the barrier's question). */
    public boolean currentStackGrey() {
        G gp = Switch.getg();
        Object st = gp == null ? null : gp.gcstate;
        return st != null && ((GState) st).scan.load() != GState.BLACK;
    }

    /**
     * The write barrier's precondition, checked by the barrier before it shades: there is a P (its
     * buffer is per P in Go), and, in checked mode, no {@code @NoWriteBarrier} method is on the
     * goroutine's stack (Go's compiler refuses such a barrier: "write barrier prohibited").
     */
    public void checkBarrier() {
        checkBarrier(Switch.getm());
    }

    private void checkBarrier(M mp) {
        if (mp == null || mp.p == null) {
            throw Panic.throw_("write barrier without a P");
        }
        if (checkDirectives) {
            String in = Directives.noWriteBarrierCaller();
            if (in != null) {
                Panic.print("runtime: write barrier in " + in + ", which is @NoWriteBarrier\n");
                throw Panic.throw_("write barrier prohibited");
            }
        }
    }

    /** Counts one pointer write that ran the barrier. */
    public void countBarrier() {
        HeapStats.Delta d = delta();
        if (d != null) {
            d.barriers++;
        } else {
            stats.sharedBarrier();
        }
    }

    /**
     * Whether the word at p is a pointer slot the barrier covers: a pointer word of a heap
     * object (the heap bitmap) or of a root block (its type's mask). Stack slots are not.
     */
    public boolean isPointerSlot(long p) {
        if (mheap.arenaOf(p) != null) {
            return isPointer(p);
        }
        Roots.Block b = roots.blockOf(p);
        return b != null && b.type().isPointer((p - b.addr()) / Type.PTR_SIZE);
    }

    /** Go: zerobase. The address of every zero-size object. */
    synchronized long zerobase() {
        if (zerobase == 0) {
            zerobase = mem.persistent.persistentalloc(Type.PTR_SIZE, 0, mem.gcMiscSys);
        }
        return zerobase;
    }

    /**
     * Go: gcResetMarkState and gcMarkRootPrepare. This cycle's root jobs: the root blocks, and one
     * job per user G that exists now, its stack grey. World stopped.
     */
    void resetMarkState() {
        rootJobs = roots.blocks();
        Sched sched = Switch.getm().rt.sched;
        int n = sched.allglen();
        java.util.List<GState> jobs = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            G gp = sched.allg(i);
            if (!gp.isSystem()) {
                GState st = GState.of(gp);
                st.scan.store(GState.GREY);
                jobs.add(st);
            }
        }
        stackJobs = jobs.toArray(GState[]::new);
        work.reset(rootJobs.length + stackJobs.length);
    }

    /** Mark termination's accounting: what was marked is live; the next goal. World stopped. */
    void endCycle(long heapMinimum) {
        long marked = work.marked();
        stats.heapMarked = marked;
        stats.heapLive.reset();
        stats.heapLive.add(marked);
        trigger = Math.max(heapMinimum * gcpercent / 100, marked + marked * gcpercent / 100);
        stats.numGC++;
    }

    /** Go: debug.SetGCPercent. Returns the old value; a negative one turns the collector off. */
    public int setGCPercent(int percent) {
        int old = gcpercent;
        gcpercent = percent;
        trigger = percent < 0 ? Long.MAX_VALUE
                : Math.max(Gc.HEAP_MINIMUM * percent / 100, stats.heapMarked * (100 + percent) / 100);
        return old;
    }

    /** Go: spanOf. The span owning the page of p (in any state), or 0 if p is not in the heap. */
    public long spanOf(long p) {
        return mheap.spanOf(p);
    }

    /** The base of the heap arena holding p, or 0 if p is not in the heap. */
    public long arenaBase(long p) {
        HeapArena a = mheap.arenaOf(p);
        return a == null ? 0 : a.base;
    }

    /**
     * Whether the page of p has been handed out before (Go: it lies below its arena's
     * zeroedBase), so a span carved from it again needs zeroing.
     */
    public boolean pageUsedBefore(long p) {
        HeapArena a = mheap.arenaOf(p);
        return a != null && a.usedBefore(p);
    }

    /** Whether the heap word at p holds a pointer (the heap bitmap). */
    public boolean isPointer(long p) {
        HeapArena a = mheap.arenaOf(p);
        return a != null && a.isPointer(p);
    }

    /** Counts n objects of bytes in all freed by sweeping. */
    public void countFreed(long n, long bytes) {
        stats.freed(n, bytes);
    }

    /** Fills the freed object at p with the poison word, when poisoning is on. */
    public void poisonFreed(long p, long size) {
        if (poison) {
            for (long w = p; w + Type.PTR_SIZE <= p + size; w += Type.PTR_SIZE) {
                mem.space.putLong(w, clobberdeadPtr);
            }
        }
    }

    /** Go: mheap.freeSpan, for a span the sweeper emptied. */
    public void freeSpan(long s) {
        mheap.freeSpan(s);
    }

    /** Counts n bytes more in heapLive; at the goal, the next mallocgc starts a cycle. */
    void addLive(long n) {
        stats.addLive(n);
        if (!triggered && stats.heapLive.sum() >= trigger) {
            triggered = true;
        }
    }

    /** Puts a swept span that still holds objects back on its mcentral's swept lists. */
    public void pushSwept(long s) {
        MSpan v = span(s);
        central[v.spanclass()].pushSwept(s, v);
    }

    /** Marks span s in use: from now on pointers into it are valid. Go: allocSpan's publication. */
    void publish(long s) {
        span(s).setState(MSpan.mSpanInUse);
    }

    // ---- sweeping ----

    /**
     * Go: sweepone. Sweeps one span that still needs it this cycle; returns false when there was
     * none left.
     */
    public boolean sweepone() {
        long sg = sweepgen;
        MSpan v = new MSpan(mem.space);
        for (MCentral c : central) {
            long s;
            while ((s = c.popUnswept()) != 0) {
                if (v.at(s).casSweepgen(sg - 2, sg - 1)) {
                    sweeper.sweep(s, false);
                    return true;
                }
            }
        }
        return false;
    }

    /** Moves to the next sweep generation: every span now needs sweeping. World stopped. */
    void nextSweepgen() {
        sweepgen += 2;
    }

}
