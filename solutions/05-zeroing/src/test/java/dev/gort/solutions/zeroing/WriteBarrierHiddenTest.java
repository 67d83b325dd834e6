package dev.gort.solutions.zeroing;

import static dev.gort.solutions.zeroing.Harness.NODE;
import static dev.gort.solutions.zeroing.Harness.word;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.directive.NoWriteBarrier;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.Mutators;
import org.junit.jupiter.api.Test;

/** Exercise writebarrier: both halves of the hybrid barrier, the bulk barrier, the rules. */
@Exercise("writebarrier")
class WriteBarrierHiddenTest {
    private static final String EXERCISE = "writebarrier";

    @Test
    @Points(3)
    void theDeletionHalfShadesTheOldValue() {
        FatalError e = Harness.outcome(EXERCISE, 1, 1, heap -> {
            Harness.copiedToBlackStackThenErased(heap, 8, 2,
                    h -> heap.barrier.writePointer(h + 8, heap.newobject(NODE)));
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(3L));
        });
        assertThat("an object moved from the heap to a black stack was lost (shade the old value): "
                + (e == null ? "" : e.getMessage()), e == null, equalTo(true));
    }

    @Test
    @Points(3)
    void theInsertionHalfShadesTheNewValueWhileTheStackIsGrey() {
        FatalError e = Harness.outcome(EXERCISE, 1, 1, heap -> {
            heap.locals.set(3, heap.newobject(NODE));
            heap.gcWith(() -> {
                long black = heap.newobject(NODE);
                heap.locals.set(0, black);
                heap.barrier.writePointer(black + 8, heap.locals.get(3));
                heap.locals.set(3, 0);
            });
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
        assertThat("an object moved from a grey stack into a black object was lost (shade the new value"
                + " while heap.currentStackGrey()): " + (e == null ? "" : e.getMessage()), e == null, equalTo(true));
    }

    @Test
    @Points(4)
    void mutatorsRacingTheMarkerLoseNothing() {
        Seeds.sweep(1, 6, seed -> Harness.withHeap(EXERCISE, 2, seed, heap -> Mutators.run(3, 60, 3)));
    }

    @Test
    @Points(1)
    void offTheBarrierIsAPlainStore() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long a = heap.newobject(NODE);
            long b = heap.newobject(NODE);
            heap.barrier.writePointer(a, b);
            assertThat(word(heap, a), equalTo(b));
            assertThat("no barrier runs while the collector is not marking",
                    heap.stats.snapshot().barriers(), equalTo(0L));
        });
    }

    @Test
    @Points(1)
    void aBarrierWithoutAPThrows() {
        FatalError e = Harness.death(EXERCISE, heap -> {
            long a = heap.newobject(NODE);
            heap.locals.set(0, a);
            heap.gcWith(() -> Gort.syscall(() -> heap.barrier.writePointer(a, 0)));
        });
        assertThat(e.getMessage(), equalTo("write barrier without a P"));
    }

    static final class Forbidden {
        @NoWriteBarrier
        static void store(Heap heap, long slot) {
            heap.barrier.writePointer(slot, 0);
        }
    }

    @Test
    @Points(1)
    void aBarrierInANoWriteBarrierMethodThrows() {
        FatalError e = Harness.death(EXERCISE, heap -> {
            long a = heap.newobject(NODE);
            heap.locals.set(0, a);
            heap.gcWith(() -> Forbidden.store(heap, a));
        });
        assertThat(e.getMessage(), equalTo("write barrier prohibited"));
    }

    @Test
    @Points(2)
    void bulkBarrierPreWriteShadesPointerSlotsOnly() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long holder = heap.newobject(NODE);
            heap.locals.set(0, holder);
            long kept = heap.newobject(NODE);
            heap.barrier.writePointer(holder + 8, kept);
            heap.mem.space.putLong(holder + 16, heap.newobject(NODE)); // a scalar that looks like a pointer
            heap.gcWith(() -> {
                heap.scanOwnStack();
                heap.locals.set(1, word(heap, holder + 8));
                heap.zeroing.memclrHasPointers(holder, 24);
            });
            assertThat("the pointer slot's old value was shaded (it is still reachable), the scalar's was"
                    + " not (its object is garbage)", heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
    }

    @Test
    @Points(1)
    void bulkBarrierPreWriteStopsAtTheEndOfItsRange() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long holder = heap.newobject(NODE);
            heap.locals.set(0, holder);
            long neighbour = heap.newobject(NODE); // the next slot: garbage, as is what it points to
            assertThat("test set-up: the neighbour is the next slot", neighbour, equalTo(holder + NODE.size));
            heap.barrier.writePointer(neighbour, heap.newobject(NODE));
            heap.gcWith(() -> {
                heap.scanOwnStack();
                heap.zeroing.memclrHasPointers(holder, NODE.size);
            });
            assertThat("the barrier over [holder, holder+24) shaded a pointer of the object after it,"
                    + " keeping garbage alive", heap.stats.snapshot().heapObjects(), equalTo(1L));
        });
    }

    @Test
    @Points(2)
    void bulkBarrierPreWriteShadesTheNewValuesOfACopyWhileTheStackIsGrey() {
        FatalError e = Harness.outcome(EXERCISE, 1, 1, heap -> {
            long src = heap.newobject(NODE);
            heap.locals.set(1, src);               // only this (grey) stack holds src
            heap.barrier.writePointer(src + 8, heap.newobject(NODE));
            heap.gcWith(() -> {
                long dst = heap.newobject(NODE);   // allocated black: never scanned in this cycle
                heap.locals.set(0, dst);
                heap.barrier.bulkBarrierPreWrite(dst, src, NODE.size); // Go: typedmemmove
                heap.mem.space.memmove(dst, src, NODE.size);
                heap.locals.set(1, 0);             // now only dst + 8 reaches src's target
            });
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
        assertThat("a pointer copied from a grey stack's object into a black one was lost (shade each"
                + " new value, the word at src + off, while the stack is grey): "
                + (e == null ? "" : e.getMessage()), e == null, equalTo(true));
    }

    @Test
    @Points(1)
    void bulkBarrierPreWriteIsANoOpWhenOff() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long a = heap.newobject(NODE);
            heap.barrier.writePointer(a, heap.newobject(NODE));
            heap.barrier.bulkBarrierPreWrite(a, 0, 24);
            assertThat(heap.stats.snapshot().barriers(), equalTo(0L));
            assertThat("bulkBarrierPreWrite never writes: the caller does", word(heap, a) != 0, equalTo(true));
        });
    }
}
