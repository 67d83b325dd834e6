package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Marking's given machinery: finding the object a pointer points into, greying it, reporting a bad
 * pointer, claiming goroutine stacks for scanning, draining the grey queue, and checkmark.
 *
 * <p>Go: mbitmap.go {@code findObject}, {@code badPointer}; mgcmark.go {@code greyobject},
 * {@code gcDrain}, {@code markroot}'s stack case ({@code suspendG} + {@code scanstack}),
 * {@code gcDumpObject}; mcheckmark.go ({@code setCheckmark}, the "checkmark found unmarked
 * object" report).
 *
 * <p>Runs on an M holding a P (its views are that P's); {@link #greyobject} may run on several Ps
 * at once: the mark bit's atomic OR decides who pushes the object.
 */
final class Mark {
    private final Heap heap;
    private final GcWork work;

    // checkmark (world stopped, one M): a separate mark of each arena's words, by base
    private boolean checkmarking;
    private final Map<Long, BitSet> checkmarks = new HashMap<>();

    Mark(Heap heap, GcWork work) {
        this.heap = heap;
        this.work = work;
    }

    private MSpan view() {
        return heap.mcache(Switch.getm()).mark;
    }

    // tag::findObject[]
    /**
     * Go: findObject. The base of the heap object holding p, or 0 when p is not a
     * heap pointer. A pointer into a heap page whose span is not in use, or past
     * its last object, is a bad pointer (as is Go's clobberdead poison): {@code
     * refBase+refOff} says where it was found.
     */
    long findObject(long p, long refBase, long refOff) {
        return findObject(view(), p, refBase, refOff);
    }

    private long findObject(MSpan v, long p, long refBase, long refOff) {
        HeapArena a = heap.mheap.arenaOf(p);
        long s = a == null ? 0 : a.spanOf(p);
        if (s == 0) {
            if (p == Heap.clobberdeadPtr) {
                badPointer(0, p, refBase, refOff);
            }
            return 0;
        }
        MSpan span = v.at(s);
        if (span.state() != MSpan.mSpanInUse
                || p < span.base0() || p >= span.limit()) {
            badPointer(s, p, refBase, refOff);
        }
        return span.base0() + span.objIndex(p) * span.elemsize();
    }
    // end::findObject[]

    /** Go: badPointer. Prints what Go prints and throws. */
    private void badPointer(long s, long p, long refBase, long refOff) {
        StringBuilder b = new StringBuilder("runtime: pointer 0x").append(Long.toHexString(p));
        if (s != 0) {
            MSpan span = view().at(s);
            b.append(span.state() != MSpan.mSpanInUse ? " to unallocated span" : " to unused region of span")
                    .append(" span.base()=0x").append(Long.toHexString(span.base0()))
                    .append(" span.limit=0x").append(Long.toHexString(span.limit()))
                    .append(" span.state=").append(span.state());
        }
        b.append('\n');
        if (refBase != 0) {
            b.append("runtime: found in object at *(0x").append(Long.toHexString(refBase))
                    .append("+0x").append(Long.toHexString(refOff)).append(")\n");
            b.append(dumpObject("object", refBase, refOff));
        }
        Panic.print(b.toString());
        throw Panic.throw_("found bad pointer in Go heap (incorrect use of unsafe or cgo?)");
    }

    /** Go: gcDumpObject. The object's span and words, the one at off marked. */
    private String dumpObject(String label, long obj, long off) {
        long s = heap.spanOf(obj);
        if (s == 0) {
            return label + "=0x" + Long.toHexString(obj) + " s=nil\n";
        }
        MSpan span = view().at(s);
        StringBuilder b = new StringBuilder(label).append("=0x").append(Long.toHexString(obj))
                .append(" s.base()=0x").append(Long.toHexString(span.base0()))
                .append(" s.limit=0x").append(Long.toHexString(span.limit()))
                .append(" s.spanclass=").append(span.spanclass())
                .append(" s.elemsize=").append(span.elemsize())
                .append(" s.state=").append(span.state()).append('\n');
        long size = Math.min(span.elemsize(), 128);
        for (long i = 0; i < size; i += Type.PTR_SIZE) {
            b.append(" *(").append(label).append("+").append(i).append(") = 0x")
                    .append(Long.toHexString(heap.mem.space.getLong(obj + i)))
                    .append(i == off ? " <==\n" : "\n");
        }
        return b.toString();
    }

    // tag::greyobject[]
    /**
     * Go: greyobject. Sets obj's mark bit; if this call set it, counts its bytes
     * and queues it for scanning (a noscan object is black at once: it has nothing
     * to scan).
     */
    void greyobject(long obj, long refBase, long refOff) {
        greyobject(view(), obj, refBase, refOff);
    }

    private void greyobject(MSpan v, long obj, long refBase, long refOff) {
        MSpan span = v.at(heap.spanOf(obj));
        long idx = span.objIndex(obj);
        if (checkmarking) {
            if (!setCheckmark(obj, span, idx, refBase, refOff)) {
                return;
            }
        } else if (!span.setMarked(idx)) {
            return;
        }
        work.markedBytes(span.elemsize());
        if (!span.noscan()) {
            work.put(obj);
        }
    }
    // end::greyobject[]

    /** Go: setCheckmark. Whether obj was not yet checkmarked; throws if the real mark missed it. */
    private boolean setCheckmark(long obj, MSpan span, long idx, long refBase, long refOff) {
        if (!span.isMarked(idx)) {
            Panic.print("runtime: checkmarks found unexpected unmarked object obj=0x"
                    + Long.toHexString(obj) + "\n"
                    + "runtime: found obj at *(0x" + Long.toHexString(refBase) + "+0x"
                    + Long.toHexString(refOff) + ")\n"
                    + (refBase != 0 ? dumpObject("base", refBase, refOff) : "")
                    + dumpObject("obj", obj, -1));
            throw Panic.throw_("checkmark found unmarked object");
        }
        HeapArena a = heap.mheap.arenaOf(obj);
        BitSet bits = checkmarks.computeIfAbsent(a.base, k -> new BitSet());
        int w = (int) ((obj - a.base) >>> 3);
        if (bits.get(w)) {
            return false;
        }
        bits.set(w);
        return true;
    }

    /**
     * Go: wbBufFlush1's loop. Greys the heap objects that the first n words of ptrs point into;
     * 0 and other words outside the heap are skipped (a poisoned word is a bad pointer).
     */
    void shadeAll(long[] ptrs, int n) {
        MSpan v = view();
        for (int i = 0; i < n; i++) {
            long p = ptrs[i];
            if (p != 0) {
                long obj = findObject(v, p, 0, 0);
                if (obj != 0) {
                    greyobject(v, obj, 0, 0);
                }
            }
        }
    }

    // ---- goroutine stacks ----

    // tag::scanStackJob[]
    /**
     * Go: markroot's stack case. Scans the stack of st's G unless it is running (it
     * will scan itself at its next stack write, or mark termination will) or
     * already scanned or claimed.
     */
    void scanStackJob(GState st) {
        G gp = st.gp;
        if (checkmarking) {
            scanClaimed(st); // the world is stopped
            return;
        }
        for (;;) {
            int s = gp.readgstatus();
            if (s != G._Grunnable && s != G._Gwaiting) {
                return; // running, in a syscall, dead or moving: later
            }
            if (gp.atomicstatus.cas(s, s | G._Gscan)) { // suspendG
                try {
                    if (st.scan.cas(GState.GREY, GState.SCANNING)) {
                        scanClaimed(st);
                    }
                } finally {
                    gp.atomicstatus.store(s);
                }
                return;
            }
        }
    }
    // end::scanStackJob[]

    /** Markroot's self-scan: the caller's own stack, on the system stack, if still grey. */
    void scanOwn(GState st) {
        Switch.systemstack(() -> {
            if (st.scan.cas(GState.GREY, GState.SCANNING)) {
                scanClaimed(st);
            }
        });
    }

    /** Go: scanstack. Shades every pointer in a claimed stack, then blackens it. */
    void scanClaimed(GState st) {
        heap.stacks.scanstack(st.gp, slot -> {
            long p = heap.mem.space.getLong(slot);
            if (p != 0) {
                heap.marker.shade(p, 0, 0);
            }
        });
        st.scan.store(GState.BLACK);
    }

    // ---- draining ----

    /**
     * Go: gcDrain. Runs root jobs, then scans grey objects, until there is neither or
     * {@code budget} objects were scanned; returns false when it ran out of work.
     */
    boolean drain(int budget) {
        int n = 0;
        for (int job; (job = work.markrootNext.getAndIncrement()) < work.markrootJobs; ) {
            heap.marker.markroot(job);
            if (++n >= budget) {
                return true;
            }
        }
        for (long obj; (obj = work.tryGet()) != 0; ) {
            heap.marker.scanobject(obj);
            if (++n >= budget) {
                return true;
            }
        }
        return false;
    }

    /**
     * Mark termination's part, with the world stopped: flushes every P's write-barrier buffer,
     * scans every stack still grey, drains what the write barrier queued since the workers
     * finished, and runs checkmark if it is on.
     */
    void finish(GState[] stacks) {
        for (WbBuf b : heap.wbBufs()) {
            if (b != null) {
                b.flush(); // Go: gcMarkDone's wbBufFlush on every P
            }
        }
        for (GState st : stacks) {
            if (st.scan.load() != GState.BLACK) {
                st.scan.store(GState.SCANNING);
                if (st.gp.readgstatus() == G._Gdead) {
                    st.scan.store(GState.BLACK); // nothing on it
                } else {
                    scanClaimed(st);
                }
            }
        }
        while (drain(Integer.MAX_VALUE)) {
            // drain until empty
        }
        if (heap.checkmark) {
            long marked = work.marked();
            checkmarking = true;
            work.reset(work.markrootJobs);
            while (drain(Integer.MAX_VALUE)) {
                // re-mark everything from the roots
            }
            checkmarking = false;
            checkmarks.clear();
            work.reset(0);
            work.markedBytes(marked);
        }
    }
}
