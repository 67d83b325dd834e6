package dev.gort.runtime.gc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import org.junit.jupiter.api.Test;

/** Goroutine stacks as roots: the pointer slots of real frames, by their pointer maps. */
class FrameRootsTest {
    static final Func HOLDER = Func.of("gc_test.holder", 2, 1); // slot 1 holds a pointer, slot 0 not

    @Test
    void aParkedGoroutinesFramePointerSlotsAreRootsAndItsScalarsAreNot() {
        for (long seed = 1; seed <= 5; seed++) {
            Goroutines.run(Simulated.boot(2, seed), () -> {
                Heap heap = Gort.current().heap;
                heap.checkmark = true;
                Sema parked = new Sema();
                Sema release = new Sema();
                Gort.go(() -> {
                    int f = Frame.enter(HOLDER);
                    long kept = heap.newobject(HeapTest.NODE);
                    heap.mem.space.putLong(kept + 16, 77);
                    Frame.put(f, 1, kept);
                    Frame.put(f, 0, heap.newobject(HeapTest.NODE)); // a scalar slot: not a root
                    Sema.semrelease(parked);
                    Sema.semacquire(release);
                    assertThat("the object in the frame's pointer slot survived",
                            heap.mem.space.getLong(Frame.get(f, 1) + 16), equalTo(77L));
                    Frame.leave(f);
                    Sema.semrelease(parked);
                });
                Sema.semacquire(parked);
                Gort.gc();
                assertThat(heap.stats.snapshot().heapObjects(), equalTo(1L));
                Sema.semrelease(release);
                Sema.semacquire(parked);
                Gort.gc();
                assertThat("the frame is gone, and its object with it", heap.stats.snapshot().heapObjects(),
                        equalTo(0L));
            });
        }
    }

    @Test
    void aRunningGoroutineScansItsOwnFrames() {
        Goroutines.run(Simulated.boot(1, 1), () -> {
            Heap heap = Gort.current().heap;
            heap.checkmark = true;
            int f = Frame.enter(HOLDER);
            Frame.put(f, 1, heap.newobject(HeapTest.NODE));
            heap.gcWith(() -> {
                assertThat(heap.currentStackGrey(), equalTo(true));
                heap.scanOwnStack();
                assertThat(heap.currentStackGrey(), equalTo(false));
            });
            assertThat(heap.stats.snapshot().heapObjects(), equalTo(1L));
            Frame.leave(f);
        });
    }
}
