package dev.gort.runtime.gc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The heap of the reference runtime: size classes, spans, mallocgc and its zeroing. */
class HeapTest {
    static final Type NODE = new Type("node", 24, 0, 8); // two pointers and a scalar

    @Test
    void sizeClassesRoundUpToGosSizes() {
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(1)), equalTo(8L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(9)), equalTo(16L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(64)), equalTo(64L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(65)), equalTo(80L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(1016)), equalTo(1024L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(1017)), equalTo(1024L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(1025)), equalTo(2048L));
        assertThat(SizeClasses.classToSize(SizeClasses.sizeToClass(32768)), equalTo(32768L));
        for (int c = 1; c < SizeClasses.NUM_SIZE_CLASSES; c++) {
            long objs = SizeClasses.classToAllocNPages(c) * SizeClasses.PAGE_SIZE / SizeClasses.classToSize(c);
            assertThat("class " + c + " fits its inline bits", objs <= MSpan.MAX_NELEMS, is(true));
            assertThat("class " + c + " holds an object", objs >= 1, is(true));
        }
    }

    @Test
    void freshSpansAreNotClearedAndObjectsDoNotOverlap() {
        Goroutines.run(Simulated.boot(2, 7), () -> {
            Heap heap = Gort.current().heap;
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                long x = heap.mallocgc(64, null, true);
                assertThat("64-byte objects are 64-byte aligned", x % 64, equalTo(0L));
                assertThat("no object is handed out twice", seen.add(x), is(true));
                assertThat(heap.mem.space.getLong(x + 56), equalTo(0L));
                heap.mem.space.putLong(x + 56, -1);
            }
            HeapStats.Snapshot s = heap.stats.snapshot();
            assertThat("memory fresh from the OS is zero already: nothing was cleared",
                    s.bytesZeroed(), equalTo(0L));
            assertThat(s.mallocs(), equalTo(1000L));
            assertThat(s.heapAlloc(), equalTo(64_000L));
            long span = heap.spanOf(seen.iterator().next());
            assertThat(heap.span(span).elemsize(), equalTo(64L));
            assertThat(heap.span(span).state(), equalTo(MSpan.mSpanInUse));
        });
    }

    @Test
    void largeObjectsGetASpanOfTheirOwn() {
        Goroutines.run(Simulated.boot(1, 3), () -> {
            Heap heap = Gort.current().heap;
            long x = heap.mallocgc(100_000, null, true);
            MSpan s = heap.span(heap.spanOf(x));
            assertThat(s.base0(), equalTo(x));
            assertThat(s.npages(), equalTo(13L));
            assertThat(s.nelems(), equalTo(1L));
            assertThat(heap.spanOf(x + 99_999), equalTo(heap.spanOf(x)));
            heap.locals.set(0, x);
            heap.mallocgc(100_000, null, true); // garbage
            Gort.gc();
            assertThat("a reachable large object survives a cycle, the other is freed",
                    heap.stats.snapshot().heapObjects(), equalTo(1L));
            assertThat(s.state(), equalTo(MSpan.mSpanInUse));
        });
    }

    @Test
    void pointerBitsFollowTheType() {
        Goroutines.run(Simulated.boot(1, 3), () -> {
            Heap heap = Gort.current().heap;
            long x = heap.newobject(NODE);
            assertThat(heap.isPointer(x), is(true));
            assertThat(heap.isPointer(x + 8), is(true));
            assertThat(heap.isPointer(x + 16), is(false));
            long y = heap.mallocgc(24, null, true);
            assertThat("noscan objects live in noscan spans",
                    heap.span(heap.spanOf(y)).noscan(), is(true));
            assertThat(heap.span(heap.spanOf(x)).noscan(), is(false));
        });
    }

    @Test
    void zeroSizeAllocationsShareZerobase() {
        Goroutines.run(Simulated.boot(1, 3), () -> {
            Heap heap = Gort.current().heap;
            long a = heap.mallocgc(0, null, true);
            assertThat(heap.mallocgc(0, Type.POINTER, true), equalTo(a));
            assertThat("zerobase is not in the heap", heap.spanOf(a), equalTo(0L));
        });
    }

    @Test
    void mallocgcWithoutAPThrows() {
        FatalError e = Goroutines.death(1, () -> Gort.syscall(() -> Gort.current().heap.mallocgc(8, null, true)));
        assertThat(e.getMessage(), equalTo("mallocgc called without a P or outside bootstrapping"));
    }

    @Test
    void reusedMemoryIsClearedOnceAndFreshMemoryNever() {
        Goroutines.run(Simulated.boot(1, 11), () -> {
            Heap heap = Gort.current().heap;
            for (int i = 0; i < 128; i++) { // two 8 KB spans of 64-byte objects, all garbage
                long x = heap.mallocgc(64, null, true);
                heap.mem.space.putLong(x, 0x5eed);
            }
            Gort.gc();
            HeapStats.Snapshot after = heap.stats.snapshot();
            assertThat("the garbage was swept", after.frees(), equalTo(128L));
            assertThat(after.bytesZeroed(), equalTo(0L));
            for (int i = 0; i < 128; i++) {
                long x = heap.mallocgc(64, null, true);
                assertThat("a reused slot is cleared", heap.mem.space.getLong(x), equalTo(0L));
            }
            long zeroed = heap.stats.snapshot().bytesZeroed();
            assertThat("each reused slot was cleared once", zeroed, lessThan(128L * 64 + 1));
            assertThat(zeroed, greaterThan(0L));
        });
    }

    @Test
    void objectsReachableFromLocalsSurviveAndGarbageIsFreed() {
        Goroutines.run(Simulated.boot(2, 5), () -> {
            Heap heap = Gort.current().heap;
            long list = 0;
            heap.locals.set(0, 0);
            for (int i = 0; i < 100; i++) {
                long n = heap.newobject(NODE);
                heap.barrier.writePointer(n, heap.locals.get(0));
                heap.mem.space.putLong(n + 16, i);
                heap.locals.set(0, n);
                heap.newobject(NODE); // garbage
            }
            Gort.gc();
            HeapStats.Snapshot s = heap.stats.snapshot();
            assertThat(s.heapObjects(), equalTo(100L));
            assertThat(s.numGC(), equalTo(1L));
            int count = 0;
            for (long n = heap.locals.get(0); n != 0; n = heap.mem.space.getLong(n)) {
                assertThat(heap.mem.space.getLong(n + 16), equalTo(99L - count));
                count++;
            }
            assertThat(count, equalTo(100));
        });
    }

    @Test
    void aStalePointerToAFreedObjectIsFound() {
        FatalError e = Goroutines.death(1, () -> {
            Heap heap = Gort.current().heap;
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            long victim = heap.newobject(NODE);
            Gort.gc(); // victim is freed
            // A pointer to it reappears where the collector will find it (what a skipped
            // zeroing of reused memory does): the next mark marks a free slot.
            heap.mem.space.putLong(keep, victim);
            Gort.gc();
        });
        assertThat(e.getMessage(), equalTo("found pointer to free object"));
        assertThat(e.output(), containsString("marked free object in span"));
    }

    @Test
    void poisonedMemoryIsABadPointer() {
        FatalError e = Goroutines.death(1, () -> {
            Heap heap = Gort.current().heap;
            heap.poison = true;
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            heap.newobject(NODE);
            Gort.gc();
            heap.mem.space.putLong(keep, Heap.clobberdeadPtr);
            Gort.gc();
        });
        assertThat(e.getMessage(), equalTo("found bad pointer in Go heap (incorrect use of unsafe or cgo?)"));
        assertThat(e.output(), containsString("runtime: pointer 0xdeaddeaddeaddead"));
        assertThat(e.output(), containsString("runtime: found in object at *(0x"));
    }
}
