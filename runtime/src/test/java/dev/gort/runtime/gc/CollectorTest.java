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
