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
import dev.gort.runtime.gc.Mutators;
import dev.gort.runtime.gc.Type;
import dev.gort.runtime.lock.Sema;
import org.junit.jupiter.api.Test;

/** Exercise markroot: every kind of root, bitmaps, interior pointers, bad pointers, races. */
@Exercise("markroot")
class MarkrootHiddenTest {
    private static final String EXERCISE = "markroot";

    @Test
    @Points(2)
    void globalsKeepWhatTheirPointerWordsReach() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            Type data = new Type("data", 32, 8, 24); // words 1 and 3 are pointers
            long g = heap.mem.persistent.persistentalloc(32, 0, heap.mem.gcMiscSys);
            heap.roots.add("data", g, data, true);
            heap.barrier.writePointer(g + 8, heap.newobject(NODE));
            heap.barrier.writePointer(g + 24, heap.newobject(NODE));
            heap.mem.space.putLong(g + 16, heap.newobject(NODE)); // a scalar word
            Gort.gc();
            assertThat("the two objects the pointer words name live; the scalar's does not",
                    heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
    }

    @Test
    @Points(2)
    void explicitRootsInUnmanagedMemoryCount() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long block = heap.mem.persistent.persistentalloc(8, 0, heap.mem.gcMiscSys);
            heap.roots.add("explicit", block, Type.POINTER, false);
            heap.barrier.writePointer(block, heap.newobject(NODE));
            heap.newobject(NODE);
            Gort.gc();
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(1L));
        });
    }

    @Test
    @Points(2)
    void everyGoroutinesStackIsARoot() {
        Harness.withHeap(EXERCISE, 2, 1, heap -> {
            Sema ready = new Sema();
            Sema done = new Sema();
            for (int i = 0; i < 4; i++) {
                Gort.go(() -> {
                    heap.locals.set(5, heap.newobject(NODE));
                    Sema.semrelease(ready);
                    Sema.semacquire(done); // parked while main collects
                    if (word(heap, heap.locals.get(5) + 16) != 0) {
                        throw new AssertionError("a parked goroutine's object was freed");
                    }
                });
            }
            for (int i = 0; i < 4; i++) {
                Sema.semacquire(ready);
            }
            heap.newobject(NODE);
            Gort.gc();
            assertThat("the four objects held by parked goroutines live",
                    heap.stats.snapshot().heapObjects(), equalTo(4L));
            for (int i = 0; i < 4; i++) {
                Sema.semrelease(done);
            }
        });
    }

    @Test
    @Points(3)
    void objectsAreScannedByTheHeapBitmap() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            Type mixed = new Type("mixed", 64, 8, 48); // pointers at +8 and +48 only
            long root = heap.newobject(mixed);
            heap.locals.set(0, root);
            heap.barrier.writePointer(root + 8, heap.newobject(NODE));
            heap.barrier.writePointer(root + 48, heap.newobject(NODE));
            heap.mem.space.putLong(root + 16, heap.newobject(NODE)); // scalar
            heap.mem.space.putLong(root + 56, heap.newobject(NODE)); // scalar
            long big = heap.mallocgc(50_000, Type.pointers("[6250]*node", 6250), true);
            heap.barrier.writePointer(root + 48, big);
            heap.barrier.writePointer(big + 49_992, heap.newobject(NODE));
            Gort.gc();
            assertThat("root, its +8 object, big and big's last word's object",
                    heap.stats.snapshot().heapObjects(), equalTo(4L));
        });
    }

    @Test
    @Points(1)
    void anInteriorPointerKeepsTheWholeObject() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            long x = heap.newobject(NODE);
            heap.mem.space.putLong(x + 16, 42);
            heap.locals.set(0, x + 16);
            Gort.gc();
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(1L));
            assertThat(word(heap, x + 16), equalTo(42L));
        });
    }

    @Test
    @Points(1)
    void aLongChainIsMarkedToItsEnd() {
        Harness.withHeap(EXERCISE, 1, 1, heap -> {
            heap.locals.set(0, 0);
            for (int i = 0; i < 20_000; i++) {
                long n = heap.newobject(NODE);
                heap.barrier.writePointer(n, heap.locals.get(0));
                heap.locals.set(0, n);
            }
            Gort.gc();
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(20_000L));
        });
    }

    @Test
    @Points(2)
    void poisonInAPointerWordIsABadPointer() {
        FatalError e = Harness.death(EXERCISE, heap -> {
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            heap.mem.space.putLong(keep + 8, Heap.clobberdeadPtr);
            Gort.gc();
        });
        assertThat(e.getMessage(), equalTo("found bad pointer in Go heap (incorrect use of unsafe or cgo?)"));
        assertThat("the report says where the pointer was found: pass the object and the offset to"
                + " shade", e.output(), containsString("runtime: found in object at *(0x"));
    }

    @Test
    @Points(3)
    void mutatorsRacingTheMarkerLoseNothing() {
        Seeds.sweep(1, 5, seed -> Harness.withHeap(EXERCISE, 2, seed, heap -> Mutators.run(3, 60, 3)));
    }
}
