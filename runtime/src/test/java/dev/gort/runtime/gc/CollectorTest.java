package dev.gort.runtime.gc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.part.WriteBarrierPart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector: concurrent mark with the hybrid barrier, sweep, checkmark, pacing. */
class CollectorTest {

    @Test
    void mutatorsRacingTheMarkerLoseNothingOverSeeds() {
        for (long seed = 1; seed <= 12; seed++) {
            Gort rt = Simulated.boot(2, seed);
            try {
                Goroutines.run(rt, () -> Mutators.run(3, 60, 3));
            } catch (FatalError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + e.output(), e);
            }
            assertThat("seed " + seed, rt.heap.stats.snapshot().numGC(), greaterThan(3L));
        }
    }

    /** A write barrier that forgets to shade: the lost object checkmark exists to catch. */
    static final class NoBarrier implements WriteBarrierPart {
        private final Heap heap;

        NoBarrier(Heap heap) {
            this.heap = heap;
        }

        @Override
        public void writePointer(long slot, long ptr) {
            heap.mem.space.putLong(slot, ptr);
        }

        @Override
        public void bulkBarrierPreWrite(long dst, long src, long size) {
        }
    }

    @Test
    void withoutTheBarrierCheckmarkFindsTheLostObject() {
        List<String> caught = new ArrayList<>();
        for (long seed = 1; seed <= 30 && caught.isEmpty(); seed++) {
            Gort rt = Gort.boot(Config.defaults().gomaxprocs(2).stderr(Goroutines.quiet())
                    .parts(Parts.reference().writebarrier(NoBarrier::new)).simulated(seed));
            try {
                Goroutines.run(rt, () -> Mutators.run(3, 60, 3));
            } catch (FatalError e) {
                caught.add(e.getMessage() + "\n" + e.output());
            }
        }
        assertThat("some seed loses an object without the barrier", caught.size(), equalTo(1));
        assertThat(caught.get(0), containsString("checkmark found unmarked object"));
        assertThat(caught.get(0), containsString("runtime: checkmarks found unexpected unmarked object obj=0x"));
    }

    /** A barrier with only the deletion half (shade the old value): Yuasa's, without Dijkstra's. */
    static final class DeletionOnly implements WriteBarrierPart {
        private final Heap heap;

        DeletionOnly(Heap heap) {
            this.heap = heap;
        }

        @Override
        public void writePointer(long slot, long ptr) {
            long old = heap.mem.space.getLong(slot);
            if (heap.writeBarrierEnabled() && old != 0) {
                heap.marker().shade(old, 0, 0);
            }
            heap.mem.space.putLong(slot, ptr);
        }

        @Override
        public void bulkBarrierPreWrite(long dst, long src, long size) {
        }
    }

    /**
     * The deletion half's case: a black stack takes the only pointer to a white object out of a
     * grey object and erases it there. Returns how the runtime died, or null if it did not.
     */
    static FatalError moveHeapToBlackStack(Parts parts) {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(1).stderr(Goroutines.quiet()).parts(parts).simulated(1));
        try {
            Goroutines.run(rt, () -> {
                Heap heap = Gort.current().heap;
                heap.checkmark = true;
                long holder = heap.newobject(HeapTest.NODE);
                heap.locals.set(0, holder);
                heap.barrier.writePointer(holder, heap.newobject(HeapTest.NODE));
                heap.gcWith(() -> {
                    heap.scanOwnStack();                               // the stack is black
                    heap.locals.set(1, heap.mem.space.getLong(holder)); // heap -> stack
                    heap.barrier.writePointer(holder, 0);              // erased from the heap
                });
                assertThat(heap.stats.snapshot().heapObjects(), equalTo(2L));
            });
            return null;
        } catch (FatalError e) {
            return e;
        }
    }

    /**
     * The insertion half's case: a grey stack stores the only pointer to a white object into a
     * black (newly allocated) object and drops it from the stack before the stack is scanned.
     */
    static FatalError moveGreyStackToBlackHeap(Parts parts) {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(1).stderr(Goroutines.quiet()).parts(parts).simulated(1));
        try {
            Goroutines.run(rt, () -> {
                Heap heap = Gort.current().heap;
                heap.checkmark = true;
                heap.locals.set(1, heap.newobject(HeapTest.NODE)); // only the stack has it
                heap.gcWith(() -> {
                    long black = heap.newobject(HeapTest.NODE);    // allocated black
                    heap.locals.set(0, black);
                    heap.barrier.writePointer(black, heap.locals.get(1)); // stack -> heap
                    heap.locals.set(1, 0);                         // gone from the grey stack
                });
                assertThat(heap.stats.snapshot().heapObjects(), equalTo(2L));
            });
            return null;
        } catch (FatalError e) {
            return e;
        }
    }

    @Test
    void theDeletionHalfSavesAnObjectMovedToABlackStack() {
        assertThat(moveHeapToBlackStack(Parts.reference()), org.hamcrest.Matchers.nullValue());
        FatalError e = moveHeapToBlackStack(Parts.reference().writebarrier(NoBarrier::new));
        assertThat(e.getMessage(), equalTo("checkmark found unmarked object"));
        assertThat("deletion alone covers it", moveHeapToBlackStack(Parts.reference().writebarrier(DeletionOnly::new)),
                org.hamcrest.Matchers.nullValue());
    }

    @Test
    void theInsertionHalfSavesAnObjectMovedFromAGreyStack() {
        assertThat(moveGreyStackToBlackHeap(Parts.reference()), org.hamcrest.Matchers.nullValue());
        FatalError e = moveGreyStackToBlackHeap(Parts.reference().writebarrier(DeletionOnly::new));
        assertThat(e.getMessage(), equalTo("checkmark found unmarked object"));
    }

    @Test
    void theHeapGrowsToItsGoalThenCollects() {
        Goroutines.run(Simulated.boot(2, 3), () -> {
            Heap heap = Gort.current().heap;
            long keep = heap.newobject(HeapTest.NODE);
            heap.locals.set(0, keep);
            for (int i = 0; i < 200_000; i++) { // 12.8 MB of 64-byte garbage
                heap.mallocgc(64, null, true);
                if (i % 1000 == 0) {
                    Gort.gosched();
                }
            }
            HeapStats.Snapshot s = heap.stats.snapshot();
            assertThat("GOGC=100 with a 4 MB minimum: cycles ran by themselves", s.numGC(), greaterThan(1L));
            assertThat(heap.mem.readMemStats().heapSys(), org.hamcrest.Matchers.lessThan(16L << 20));
            assertThat(heap.findObject(keep, 0, 0), equalTo(keep));
        });
    }
}
