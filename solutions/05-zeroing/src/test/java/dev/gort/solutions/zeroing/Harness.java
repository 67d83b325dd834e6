package dev.gort.solutions.zeroing;

import dev.gort.chapters.zeroing.Chapter05;
import dev.gort.grader.api.SuiteHarness;
import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.Type;
import dev.gort.runtime.part.Parts;
import java.util.function.LongConsumer;

/**
 * This suite's harness: the shared {@link SuiteHarness} plus chapter 05's wiring. Every runtime
 * runs with checkmark and poisoning on, so a missed object and a stale read both show.
 */
final class Harness extends SuiteHarness {
    private Harness() {}

    /** Two pointers and a value: next, other, value. */
    static final Type NODE = new Type("node", 24, 0, 8);

    @FunctionalInterface
    interface HeapBody {
        void run(Heap heap) throws Throwable;
    }

    /** The student's part for exercise (or the reference, for null) on the simulated OS. */
    static Gort sim(String exercise, int procs, long seed) {
        Config c = exercise == null ? Config.defaults().gomaxprocs(procs).parts(Parts.reference())
                : Chapter05.config(exercise, procs);
        return sim(c, seed);
    }

    /** Runs body with the heap of the exercise's simulated runtime; rethrows a failure. */
    static void withHeap(String exercise, int procs, long seed, HeapBody body) {
        run(sim(exercise, procs, seed), () -> body.run(debugHeap()));
    }

    /** Runs body like withHeap and returns how the runtime died, or null if it did not. */
    static FatalError outcome(String exercise, int procs, long seed, HeapBody body) {
        try {
            withHeap(exercise, procs, seed, body);
            return null;
        } catch (FatalError e) {
            return e;
        }
    }

    /** Runs body and returns how the runtime died; fails if it did not. */
    static FatalError death(String exercise, HeapBody body) {
        FatalError e = outcome(exercise, 1, 1, body);
        if (e == null) {
            throw new AssertionError("the runtime was expected to die, but it did not");
        }
        return e;
    }

    private static Heap debugHeap() {
        Heap heap = Gort.current().heap;
        heap.checkmark = true;
        heap.poison = true;
        return heap;
    }

    /**
     * The deletion case of the hybrid barrier: a holder on the stack points, at offset, to a fresh
     * object; during a mark, once this goroutine's stack is black, the pointer is copied into stack
     * slot local and erase(holder) removes it from the heap. Returns the holder.
     */
    static long copiedToBlackStackThenErased(Heap heap, long offset, int local, LongConsumer erase) {
        long holder = heap.newobject(NODE);
        heap.locals.set(0, holder);
        heap.barrier.writePointer(holder + offset, heap.newobject(NODE));
        heap.gcWith(() -> {
            heap.scanOwnStack();
            heap.locals.set(local, word(heap, holder + offset));
            erase.accept(holder);
        });
        return holder;
    }

    /** The word at p. */
    static long word(Heap heap, long p) {
        return heap.mem.space.getLong(p);
    }
}
