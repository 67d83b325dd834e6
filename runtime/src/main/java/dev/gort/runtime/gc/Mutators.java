package dev.gort.runtime.gc;

import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;

/**
 * A workload for tests, graded suites and experiments: mutator goroutines that race the marker by moving pointers between the heap and
 * their stacks — the moves the hybrid barrier exists for — while main runs collections.
 *
 * <p>Each mutator keeps a linked list of {@link #NODE}s rooted in its local slot 0 and, per step,
 * (1) pushes a new node, (2) takes the second node out of the list into local slot 1 and erases
 * the pointer to it in the heap (the deletion barrier's case), (3) links it back in at the head
 * from the stack (the insertion barrier's case), and (4) drops a node now and then. The lists'
 * values are checked at the end: a lost node is a freed (and, with poisoning, poisoned) one.
 */
public final class Mutators {
    public static final Type NODE = new Type("node", 24, 0); // next pointer, value, padding

    private Mutators() {}

    /**
     * Runs n mutators for steps each while the caller runs cycles collections, with checkmark and
     * poisoning on; checks every list at the end (an AssertionError names a lost node). Call on a
     * goroutine of a fresh runtime.
     */
    public static void run(int n, int steps, int cycles) {
        Heap heap = Gort.current().heap;
        heap.checkmark = true;
        heap.poison = true;
        Sema done = new Sema();
        for (int m = 0; m < n; m++) {
            int id = m;
            Gort.go(() -> {
                mutate(heap, id, steps);
                Sema.semrelease(done);
            });
        }
        for (int c = 0; c < cycles; c++) {
            Gort.gc();
        }
        for (int m = 0; m < n; m++) {
            Sema.semacquire(done);
        }
        Gort.gc();
    }

    private static void mutate(Heap heap, int id, int steps) {
        Locals l = heap.locals;
        l.set(0, 0);
        long count = 0;
        for (int s = 0; s < steps; s++) {
            long node = heap.newobject(NODE);
            heap.mem.space.putLong(node + 8, id * 1_000_000L + s);
            heap.barrier.writePointer(node, l.get(0));
            l.set(0, node);
            count++;
            long head = l.get(0);
            long second = heap.mem.space.getLong(head);
            if (second != 0) {
                l.set(1, second);                                        // heap -> stack
                heap.barrier.writePointer(head, heap.mem.space.getLong(second)); // erase it
                Gort.gosched();                                          // let the marker run
                heap.barrier.writePointer(second, l.get(0));             // stack -> heap
                l.set(0, second);
                l.set(1, 0);
            }
            if (s % 7 == 3) {
                long h = l.get(0);
                l.set(0, heap.mem.space.getLong(h)); // drop the head: garbage
                count--;
            }
        }
        long seen = 0;
        for (long p = l.get(0); p != 0; p = heap.mem.space.getLong(p)) {
            long v = heap.mem.space.getLong(p + 8);
            if (v / 1_000_000L != id) {
                throw new AssertionError("mutator " + id + ": node 0x" + Long.toHexString(p)
                        + " holds 0x" + Long.toHexString(v) + ": it was freed and reused while reachable");
            }
            seen++;
        }
        if (seen != count) {
            throw new AssertionError("mutator " + id + ": " + seen + " nodes reachable, expected " + count);
        }
    }
}
