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
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.HeapStats;
import dev.gort.runtime.gc.Type;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Exercise memclr: reused memory cleared, fresh memory not (bytes counted against the reference on
 * the same seed), and the barrier before clearing memory the collector can see.
 */
@Exercise("memclr")
class MemclrHiddenTest {
    private static final String EXERCISE = "memclr";

    /** A churn of objects of mixed sizes and kinds, with cycles: what mallocgc cleared. */
    private static HeapStats.Snapshot churn(String exercise, long seed) {
        AtomicReference<HeapStats.Snapshot> out = new AtomicReference<>();
        Harness.withHeap(exercise, 2, seed, heap -> {
            Type big = Type.pointers("[600]*node", 600);
            heap.locals.set(0, 0);
            for (int i = 0; i < 3000; i++) {
                long x = switch (i % 4) {
                    case 0 -> heap.newobject(NODE);
                    case 1 -> heap.mallocgc(64 + (i % 7) * 40, null, true);
                    case 2 -> heap.mallocgc(100, null, false); // the caller will overwrite it all
                    default -> i % 100 == 3 ? heap.newobject(big) : heap.newobject(NODE);
                };
                if (i % 4 == 0) {
                    heap.barrier.writePointer(x, heap.locals.get(0));
                    heap.locals.set(0, x);
                    assertThat("a new object's pointer slot other than next is zero",
                            word(heap, x + 8), equalTo(0L));
                }
                if (i % 500 == 499) {
                    heap.locals.set(0, 0);
                    Gort.gc();
                }
            }
            out.set(heap.stats.snapshot());
        });
        return out.get();
    }

    @Test
    @Points(4)
    void clearsExactlyWhatTheReferenceClears() {
        Seeds.sweep(1, 3, seed -> {
            long reference = churn(null, seed).zeroedNoHeapPointers();
            long yours = churn(EXERCISE, seed).zeroedNoHeapPointers();
            assertThat("bytes cleared with memclrNoHeapPointers, yours against the reference on the same"
                    + " seed: more means fresh memory (needzero false) or needzero=false requests were"
                    + " cleared anyway, less means reused memory was handed out dirty", yours, equalTo(reference));
        });
    }

    @Test
    @Points(3)
    void reusedMemoryComesBackZeroed() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            heap.locals.set(0, heap.newobject(NODE)); // keeps the span from going back whole
            for (int i = 0; i < 300; i++) {
                long g = heap.newobject(NODE);
                heap.mem.space.putLong(g + 16, 0x5eed);
            }
            Gort.gc();
            for (int i = 0; i < 300; i++) {
                long x = heap.newobject(NODE);
                assertThat("a reused slot must be cleared (it held poison)", word(heap, x), equalTo(0L));
                assertThat(word(heap, x + 16), equalTo(0L));
            }
        });
    }

    @Test
    @Points(2)
    void aSkippedClearIsFoundByTheCollector() {
        // The reference clears; this checks that clearing is what keeps the poison from the mark.
        Harness.withHeap(EXERCISE, 1, 2, heap -> {
            heap.locals.set(0, heap.newobject(NODE));
            for (int i = 0; i < 200; i++) {
                heap.newobject(NODE);
            }
            Gort.gc();
            long x = heap.newobject(NODE);          // a reused, poisoned slot: cleared by mallocgc
            heap.barrier.writePointer(heap.locals.get(0), x);
            Gort.gc();                              // scans x: poison would be a bad pointer
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
    }

    @Test
    @Points(2)
    void typedmemclrRunsTheBarrierFirst() {
        FatalError e = Harness.outcome(EXERCISE, 1, 1, heap -> {
            long holder = Harness.copiedToBlackStackThenErased(heap, 0, 1,
                    h -> heap.zeroing.typedmemclr(NODE, h));
            assertThat(word(heap, holder), equalTo(0L));
        });
        assertThat("typedmemclr erased the only heap pointer a black stack copied, without the barrier: "
                + (e == null ? "" : e.getMessage()), e == null, equalTo(true));
    }

    @Test
    @Points(2)
    void memclrHasPointersRunsTheBarrierFirst() {
        FatalError e = Harness.outcome(EXERCISE, 1, 1, heap -> {
            long holder = Harness.copiedToBlackStackThenErased(heap, 8, 1,
                    h -> heap.zeroing.memclrHasPointers(h, 24));
            assertThat(word(heap, holder + 8), equalTo(0L));
        });
        assertThat("memclrHasPointers erased a pointer without the barrier: "
                + (e == null ? "" : e.getMessage()), e == null, equalTo(true));
    }

    @Test
    @Points(1)
    void clearingPointerFreeMemoryTakesNoBarrier() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long x = heap.mallocgc(64, null, true);
            heap.locals.set(0, x);
            heap.mem.space.putLong(x, 7);
            heap.gcWith(() -> heap.zeroing.typedmemclr(Type.UINT64, x));
            assertThat(word(heap, x), equalTo(0L));
            assertThat("a type without pointers is cleared without barriers",
                    heap.stats.snapshot().barriers(), equalTo(0L));
            assertThat(heap.stats.snapshot().zeroedHasPointers(), equalTo(8L));
        });
    }

    @Test
    @Points(1)
    void typedmemclrClearsTheWholeValue() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            Type t = new Type("t", 48, 0);
            long x = heap.newobject(t);
            heap.mem.space.fill(x, 48, (byte) 1);
            heap.zeroing.typedmemclr(t, x);
            for (long off = 0; off < 48; off += 8) {
                assertThat("word at +" + off, word(heap, x + off), equalTo(0L));
            }
        });
    }

    @Test
    @Points(1)
    void memclrHasPointersCountsItsBytesAsClearedBehindBarriers() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long x = heap.newobject(NODE);
            HeapStats.Snapshot before = heap.stats.snapshot();
            heap.zeroing.memclrHasPointers(x, NODE.size);
            HeapStats.Snapshot after = heap.stats.snapshot();
            assertThat("bytes counted as cleared behind barriers",
                    after.zeroedHasPointers() - before.zeroedHasPointers(), equalTo(NODE.size));
            assertThat("bytes counted as cleared without barriers",
                    after.zeroedNoHeapPointers() - before.zeroedNoHeapPointers(), equalTo(0L));
        });
    }
}
