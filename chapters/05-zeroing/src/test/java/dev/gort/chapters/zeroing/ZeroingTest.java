package dev.gort.chapters.zeroing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.grader.api.Exercise;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.Type;
import dev.gort.runtime.part.Parts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * Chapter 05's visible tests: one small scenario per exercise, each run on your part inside the
 * reference runtime (and its real collector) on the simulated OS, seed 1, with checkmark and
 * poisoning on: an object the mark misses is reported ("checkmark found unmarked object"), and
 * freed memory is filled with 0xdeaddead... so that a stale read shows. {@code ./workbook check 05}
 * runs them; {@code ./workbook grade 05} adds the hidden ones.
 */
class ZeroingTest {
    private static final long SEED = 1;
    /** Two pointers and a value: next, other, value. */
    private static final Type NODE = new Type("node", 24, 0, 8);

    @FunctionalInterface
    interface Body {
        void run(Heap heap);
    }

    /** Runs body on a simulated runtime with parts; returns how it died, or null. */
    private static FatalError run(Parts parts, int procs, Body body) {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(procs).parts(parts).simulated(SEED)
                .stderr(new PrintStream(new ByteArrayOutputStream())));
        try {
            rt.run(() -> {
                Heap heap = Gort.current().heap;
                heap.checkmark = true;
                heap.poison = true;
                body.run(heap);
            });
            return null;
        } catch (FatalError e) {
            return e;
        }
    }

    private static void survives(String exercise, String lesson, Body body) {
        FatalError e = run(Chapter05.parts(exercise), 1, body);
        if (e != null) {
            throw new AssertionError(lesson + "\nThe runtime died: " + e.getMessage() + "\n" + e.output(), e);
        }
    }

    private static long word(Heap heap, long p) {
        return heap.mem.space.getLong(p);
    }

    /**
     * A holder on the stack points to a fresh object; during a mark, once this goroutine's stack is
     * black, the pointer is copied to the stack and erase(holder) removes it from the heap.
     */
    private static long copiedToBlackStackThenErased(Heap heap, LongConsumer erase) {
        long holder = heap.newobject(NODE);
        heap.locals.set(0, holder);
        heap.barrier.writePointer(holder, heap.newobject(NODE));
        heap.gcWith(() -> {
            heap.scanOwnStack();
            heap.locals.set(1, word(heap, holder));
            erase.accept(holder);
        });
        return holder;
    }

    // ---- writebarrier ----

    @Test
    @Exercise("writebarrier")
    void anObjectMovedFromTheHeapToABlackStackSurvives() {
        survives("writebarrier", "A goroutine whose stack was already scanned (black) copied the only"
                + " pointer to an object out of the heap and erased it there; the object was freed. The"
                + " deletion half of the barrier must shade the slot's OLD value before the write.", heap -> {
            copiedToBlackStackThenErased(heap, h -> heap.barrier.writePointer(h, 0));
            assertThat("both objects are still reachable", heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
    }

    @Test
    @Exercise("writebarrier")
    void anObjectMovedFromAGreyStackToTheHeapSurvives() {
        survives("writebarrier", "A goroutine whose stack was not yet scanned (grey) stored the only"
                + " pointer to an object into a black object and dropped it from its stack; the object was"
                + " freed. While heap.currentStackGrey(), the barrier must shade the NEW value too.", heap -> {
            heap.locals.set(1, heap.newobject(NODE));
            heap.gcWith(() -> {
                long black = heap.newobject(NODE); // allocated during the mark: black
                heap.locals.set(0, black);
                heap.barrier.writePointer(black, heap.locals.get(1));
                heap.locals.set(1, 0);
            });
            assertThat("both objects are still reachable", heap.stats.snapshot().heapObjects(), equalTo(2L));
        });
    }

    // ---- memclr ----

    /** 128 objects of 64 bytes of garbage, a cycle, and 128 again: the bytes mallocgc cleared. */
    private static long zeroedByReuse(Parts parts) {
        AtomicLong zeroed = new AtomicLong();
        FatalError e = run(parts, 1, heap -> {
            for (int i = 0; i < 128; i++) {
                heap.mem.space.putLong(heap.mallocgc(64, null, true), 0x5eed);
            }
            Gort.gc();
            for (int i = 0; i < 128; i++) {
                long x = heap.mallocgc(64, null, true);
                assertThat("a reused 64-byte slot must come back zeroed", word(heap, x), equalTo(0L));
            }
            zeroed.set(heap.stats.snapshot().bytesZeroed());
        });
        if (e != null) {
            throw new AssertionError("the runtime died: " + e.getMessage() + "\n" + e.output(), e);
        }
        return zeroed.get();
    }

    @Test
    @Exercise("memclr")
    void mallocgcClearsReusedMemoryOnceAndFreshMemoryNever() {
        long reference = zeroedByReuse(Parts.reference());
        long yours = zeroedByReuse(Chapter05.parts("memclr"));
        assertThat("bytes cleared by mallocgc (yours vs the reference on the same seed). Memory fresh from"
                + " the OS is zero already (span needzero false): clearing it again is wasted work; reused"
                + " memory (needzero true) must be cleared once", yours, equalTo(reference));
    }

    @Test
    @Exercise("memclr")
    void typedmemclrTellsTheCollectorWhatItErases() {
        survives("memclr", "typedmemclr erased the only heap pointer to an object a black stack still"
                + " holds, without telling the collector: call heap.barrier.bulkBarrierPreWrite(p, 0,"
                + " typ.ptrdata) first when the barrier is on and the type has pointers.", heap -> {
            long holder = copiedToBlackStackThenErased(heap, h -> heap.zeroing.typedmemclr(NODE, h));
            assertThat("typedmemclr cleared the value", word(heap, holder), equalTo(0L));
        });
    }

    // ---- sweep ----

    @Test
    @Exercise("sweep")
    void sweepFreesGarbageKeepsTheLiveAndMarksReuseAsDirty() {
        survives("sweep", "After a mark, sweep must free exactly the unmarked objects and set needzero"
                + " on a span it freed any in, so that mallocgc clears the slot before handing it out again.",
                heap -> {
            heap.locals.set(0, 0);
            for (int i = 0; i < 300; i++) { // live and garbage interleaved in the same spans
                long n = heap.newobject(NODE);
                heap.barrier.writePointer(n, heap.locals.get(0));
                heap.mem.space.putLong(n + 16, i);
                heap.locals.set(0, n);
                heap.mem.space.putLong(heap.newobject(NODE) + 16, -1);
            }
            Gort.gc();
            assertThat("live objects after the sweep", heap.stats.snapshot().heapObjects(), equalTo(300L));
            for (int i = 0; i < 300; i++) {
                long x = heap.newobject(NODE);
                assertThat("a slot freed by sweep came back with old bytes: needzero was not set",
                        word(heap, x + 16), equalTo(0L));
            }
            int i = 299;
            for (long n = heap.locals.get(0); n != 0; n = word(heap, n)) {
                assertThat("a live object was freed", word(heap, n + 16), equalTo((long) i--));
            }
        });
    }

    @Test
    @Exercise("sweep")
    void aMarkedFreeSlotIsReported() {
        FatalError e = run(Chapter05.parts("sweep"), 1, heap -> {
            heap.poison = false; // else the mark meets the poison first (a bad pointer)
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            long victim = heap.newobject(NODE);
            Gort.gc();                                    // victim freed
            heap.mem.space.putLong(keep, victim);         // a stale pointer, as a skipped zeroing leaves
            Gort.gc();                                    // marks the free slot
        });
        assertThat("a slot that is marked but free means a pointer to freed memory survived: sweep must"
                + " throw Go's message", e == null ? "(the runtime did not die)" : e.getMessage(),
                equalTo("found pointer to free object"));
    }

    // ---- markroot ----

    @Test
    @Exercise("markroot")
    void everythingReachableFromAnyRootSurvivesAndNothingElse() {
        survives("markroot", "markroot must scan each root block by its type's mask and each stack;"
                + " scanobject must follow every pointer word of an object by the heap bitmap.", heap -> {
            Type global = Type.pointers("[2]*node", 2);
            long data = heap.mem.persistent.persistentalloc(global.size, 0, heap.mem.gcMiscSys);
            heap.roots.add("globals", data, global, true);
            long a = heap.newobject(NODE);
            heap.barrier.writePointer(data + 8, a);            // global -> a
            heap.barrier.writePointer(a + 8, heap.newobject(NODE)); // a.other -> b
            long big = heap.mallocgc(40_000, Type.pointers("[5000]*node", 5000), true);
            heap.locals.set(0, big);                           // stack -> big
            heap.barrier.writePointer(big + 39_992, heap.newobject(NODE)); // its last word -> c
            heap.mem.space.putLong(a + 16, heap.newobject(NODE)); // a scalar that looks like a pointer
            for (int i = 0; i < 100; i++) {
                heap.newobject(NODE);
            }
            Gort.gc();
            assertThat("a, b, big and c live; the object only a scalar named, and the garbage, do not",
                    heap.stats.snapshot().heapObjects(), equalTo(4L));
        });
    }

    @Test
    @Exercise("markroot")
    void aPoisonedPointerIsReported() {
        FatalError e = run(Chapter05.parts("markroot"), 1, heap -> {
            long keep = heap.newobject(NODE);
            heap.locals.set(0, keep);
            heap.mem.space.putLong(keep, Heap.clobberdeadPtr); // what a skipped zeroing leaves
            Gort.gc();
        });
        assertThat("a pointer word holding poison must reach findObject, which reports it",
                e == null ? "(the runtime did not die)" : e.getMessage(),
                equalTo("found bad pointer in Go heap (incorrect use of unsafe or cgo?)"));
    }
}
