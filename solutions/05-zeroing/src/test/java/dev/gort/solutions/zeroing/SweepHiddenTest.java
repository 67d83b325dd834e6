package dev.gort.solutions.zeroing;

import static dev.gort.solutions.zeroing.Harness.NODE;
import static dev.gort.solutions.zeroing.Harness.word;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.MSpan;
import dev.gort.runtime.gc.Mutators;
import org.junit.jupiter.api.Test;

/** Exercise sweep: what is freed, what is kept, needzero, whole spans, zombies, poisoning. */
@Exercise("sweep")
class SweepHiddenTest {
    private static final String EXERCISE = "sweep";

    @Test
    @Points(3)
    void freesExactlyTheUnmarked() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            heap.locals.set(0, 0);
            for (int i = 0; i < 1000; i++) {
                long n = heap.newobject(NODE);
                if (i % 3 == 0) {
                    heap.barrier.writePointer(n, heap.locals.get(0));
                    heap.mem.space.putLong(n + 16, i);
                    heap.locals.set(0, n);
                }
            }
            Gort.gc();
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(334L));
            assertThat(heap.stats.snapshot().frees(), equalTo(666L));
            long i = 999;
            for (long n = heap.locals.get(0); n != 0; n = word(heap, n)) {
                assertThat("a live object was freed (its value was poisoned)", word(heap, n + 16), equalTo(i));
                i -= 3;
            }
        });
    }

    @Test
    @Points(3)
    void aSpanThatFreedObjectsNeedsZeroing() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            heap.newobject(NODE);
            Gort.gc();
            MSpan s = heap.span(heap.spanOf(keep));
            assertThat("sweep freed an object in this span: its free slots may hold old bytes",
                    s.needzero(), equalTo(true));
            assertThat(s.allocCount(), equalTo(1L));
            assertThat(s.freeindex(), equalTo(0L));
            assertThat(heap.newobject(NODE) != 0 && word(heap, keep + 16) == 0, equalTo(true));
        });
    }

    @Test
    @Points(2)
    void aSpanWithNothingFreedKeepsItsFreshSlotsUncleared() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            Gort.gc();
            MSpan s = heap.span(heap.spanOf(keep));
            assertThat("nothing was freed: the span's free slots are still as the OS gave them",
                    s.needzero(), equalTo(false));
            long before = heap.stats.snapshot().zeroedNoHeapPointers();
            heap.newobject(NODE);
            assertThat(heap.stats.snapshot().zeroedNoHeapPointers(), equalTo(before));
        });
    }

    @Test
    @Points(2)
    void anEmptySpanGoesBackToTheHeap() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long x = heap.newobject(NODE);
            long big = heap.mallocgc(100_000, null, true);
            long s = heap.spanOf(x);
            long l = heap.spanOf(big);
            Gort.gc();
            assertThat("a small span with no live object is freed", heap.span(s).state(), equalTo(MSpan.mSpanDead));
            assertThat("an unreachable large object's span is freed", heap.span(l).state(), equalTo(MSpan.mSpanDead));
        });
    }

    @Test
    @Points(1)
    void aFullSpanOfTheSmallestObjectsIsSweptUpToItsLastSlot() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long first = heap.mallocgc(8, null, true);
            heap.locals.set(0, first);
            MSpan s = heap.span(heap.spanOf(first));
            assertThat("test set-up: the first object is slot 0 of a fresh span", s.objIndex(first), equalTo(0L));
            for (long i = 1; i < s.nelems(); i++) {
                heap.mallocgc(8, null, true); // garbage, filling the span's 1024 slots
            }
            Gort.gc();
            assertThat("frees: every slot but the first, and nothing past the span's last slot",
                    heap.stats.snapshot().frees(), equalTo(s.nelems() - 1));
        });
    }

    @Test
    @Points(2)
    void aMarkedFreeSlotIsAZombie() {
        FatalError e = Harness.death(EXERCISE, heap -> {
            heap.poison = false; // else the mark meets the poison first (a bad pointer)
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            long victim = heap.newobject(NODE);
            Gort.gc();
            heap.mem.space.putLong(keep, victim);
            Gort.gc();
        });
        assertThat(e.getMessage(), equalTo("found pointer to free object"));
        assertThat(e.output(), containsString("runtime: marked free object in span 0x"));
        assertThat("the report names the slot: 0x<address> marked free", e.output(),
                containsString(" marked free\n"));
    }

    @Test
    @Points(1)
    void freedObjectsArePoisoned() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            long garbage = heap.newobject(NODE);
            Gort.gc();
            assertThat("with poisoning on, sweep fills a freed object with the poison word",
                    word(heap, garbage), equalTo(Heap.clobberdeadPtr));
        });
    }

    @Test
    @Points(3)
    void mutatorsRacingTheMarkerLoseNothing() {
        Seeds.sweep(1, 5, seed -> Harness.withHeap(EXERCISE, 2, seed, heap -> Mutators.run(3, 60, 3)));
    }
}
