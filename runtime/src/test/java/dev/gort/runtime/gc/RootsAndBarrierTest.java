package dev.gort.runtime.gc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.directive.NoWriteBarrier;
import dev.gort.runtime.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roots outside the heap, the barrier's rules, the bad-pointer reports, and the trace. */
class RootsAndBarrierTest {
    static final Type NODE = HeapTest.NODE;

    @Test
    void anExplicitRootKeepsWhatUnmanagedMemoryPointsTo() {
        Goroutines.run(Simulated.boot(1, 2), () -> {
            Heap heap = Gort.current().heap;
            long block = heap.mem.persistent.persistentalloc(16, 0, heap.mem.gcMiscSys);
            heap.roots.add("test block", block, Type.pointers("[2]unsafe.Pointer", 2), false);
            long obj = heap.newobject(NODE);
            heap.barrier.writePointer(block + 8, obj);
            Gort.gc();
            assertThat("registered: the object lives", heap.stats.snapshot().heapObjects(), equalTo(1L));
            heap.roots.remove(block);
            Gort.gc();
            assertThat("unregistered: nothing keeps it", heap.stats.snapshot().heapObjects(), equalTo(0L));
        });
    }

    @Test
    void aHeapPointerHiddenInUnmanagedMemoryIsFreedUnderIt() {
        FatalError e = Goroutines.death(1, () -> {
            Heap heap = Gort.current().heap;
            long block = heap.mem.persistent.persistentalloc(8, 0, heap.mem.gcMiscSys);
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            heap.mem.space.putLong(block, heap.newobject(NODE)); // not a root: HACKING.md's rule broken
            Gort.gc();                                           // so the object is freed
            heap.barrier.writePointer(keep, heap.mem.space.getLong(block)); // and resurrected
            Gort.gc();
        });
        assertThat(e.getMessage(), equalTo("found pointer to free object"));
    }

    @Test
    void aPointerIntoAFreedSpanIsABadPointer() {
        FatalError e = Goroutines.death(1, () -> {
            Heap heap = Gort.current().heap;
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            long big = heap.mallocgc(64 << 10, null, true); // a span of its own, garbage
            Gort.gc();                                      // swept: its pages are free
            heap.mem.space.putLong(keep, big + 64);
            Gort.gc();
        });
        assertThat(e.getMessage(), equalTo("found bad pointer in Go heap (incorrect use of unsafe or cgo?)"));
        assertThat(e.output(), containsString("to unallocated span span.base()=0x"));
        assertThat(e.output(), containsString("runtime: found in object at *(0x"));
    }

    @Test
    void typedmemclrTellsTheCollectorAboutThePointersItErases() {
        Goroutines.run(Simulated.boot(1, 2), () -> {
            Heap heap = Gort.current().heap;
            long holder = heap.newobject(NODE);
            heap.locals.set(0, holder);
            long target = heap.newobject(NODE);
            heap.barrier.writePointer(holder, target);
            MSpan s = heap.span(heap.spanOf(target));
            heap.writeBarrierEnabled = true; // as during a mark
            heap.zeroing.typedmemclr(NODE, holder);
            heap.wbBuf().flush(); // as mark termination does
            heap.writeBarrierEnabled = false;
            assertThat("the erased pointer's object was shaded", s.isMarked(s.objIndex(target)), is(true));
            assertThat(heap.mem.space.getLong(holder), equalTo(0L));
            assertThat(heap.stats.snapshot().zeroedHasPointers(), equalTo(24L));
            s.clearMarks();
        });
    }

    static final class Forbidden {
        @NoWriteBarrier
        static void store(Heap heap, long slot, long p) {
            heap.barrier.writePointer(slot, p);
        }
    }

    @Test
    void aBarrierInsideANoWriteBarrierMethodThrows() {
        FatalError e = Goroutines.death(1, () -> {
            Heap heap = Gort.current().heap;
            long a = heap.newobject(NODE);
            Forbidden.store(heap, a, 0); // barrier off: nothing to check
            heap.writeBarrierEnabled = true;
            Forbidden.store(heap, a, 0);
        });
        assertThat(e.getMessage(), equalTo("write barrier prohibited"));
        assertThat(e.output(), containsString("Forbidden.store, which is @NoWriteBarrier"));
    }

    @Test
    void aBarrierNeedsAP() {
        FatalError e = Goroutines.death(1, () -> {
            Heap heap = Gort.current().heap;
            long a = heap.newobject(NODE);
            heap.writeBarrierEnabled = true;
            Gort.syscall(() -> heap.barrier.writePointer(a, 0));
        });
        assertThat(e.getMessage(), equalTo("write barrier without a P"));
    }

    @Test
    void aCycleShowsInTheTrace() {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(2).stderr(Goroutines.quiet()).tracing(true).simulated(4));
        Goroutines.run(rt, () -> {
            Gort.current().heap.newobject(NODE);
            Gort.gc();
        });
        List<String> names = rt.tracer().events().stream().map(TraceEvent::typeName).toList();
        assertThat(names, hasItems("STWStart", "GCStart", "STWDone", "GCDone"));
        assertThat(rt.readHeapStats().numGC(), equalTo(1L));
    }

    @Test
    void onTheRealOsMutatorsRaceTheMarkerAndLoseNothing() {
        Gort rt = Goroutines.boot(2);
        Goroutines.run(rt, () -> Mutators.run(4, 200, 5));
        assertThat(rt.readHeapStats().numGC() >= 6, is(true));
    }

    @Test
    void gogcOffMeansNoCycleStartsByItself() {
        Goroutines.run(Simulated.boot(1, 2), () -> {
            assertThat(Gort.setGCPercent(-1), equalTo(100));
            Heap heap = Gort.current().heap;
            for (int i = 0; i < 100_000; i++) {
                heap.mallocgc(64, null, true);
            }
            assertThat(heap.stats.snapshot().numGC(), equalTo(0L));
        });
    }
}
