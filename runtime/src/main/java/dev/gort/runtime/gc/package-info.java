/**
 * The garbage-collected heap and its collector: Go's malloc.go, mheap.go, mcentral.go, mcache.go,
 * mbitmap.go, mbarrier.go, mgc.go, mgcmark.go and mgcsweep.go, small.
 *
 * <p>The problem: objects must be allocated fast from many Ps, and freed when nothing reaches them,
 * while the program keeps running and moving pointers. A stop-the-world collector is simple and
 * correct but stops everything for as long as marking takes; a concurrent one must make sure the
 * program cannot hide a reachable object from the marker.
 *
 * <p>The design, as Go's:
 * <ol>
 * <li>The heap is arenas of 8 KB pages in unmanaged memory (sysReserve, then sysMap/sysUsed).
 *     Spans of pages hold objects of one size class; their structures come from a fixalloc.
 *     Each P allocates from its own mcache without locks; mcentral and mheap refill it.</li>
 * <li>A span's {@code needzero} says whether its free slots may hold old bytes: fresh pages are
 *     zero, so mallocgc clears only reused memory, without barriers (memclrNoHeapPointers).</li>
 * <li>A cycle stops the world twice, briefly: to turn the write barrier on (sweep termination)
 *     and to finish marking (mark termination). Between the two, mark workers run as goroutines
 *     on the Ps beside the program, and every pointer write into the heap runs the hybrid barrier
 *     (shade the old value; shade the new one while the writer's stack is grey).</li>
 * <li>Roots are root blocks (globals, explicit roots for unmanaged memory) and goroutine stacks,
 *     each scanned once per cycle; never system stacks.</li>
 * <li>Sweeping frees what stayed white, lazily and in the background, and sets needzero.</li>
 * </ol>
 * Rejected: rescanning stacks at mark termination (Go before 1.8: pauses grew with the number of
 * goroutines), and a Java-heap object graph (the point is pointers as addresses in memory the
 * runtime manages, as in Go). Debug modes make the bugs this workbook teaches visible: checkmark
 * (a second mark at stop-the-world: "checkmark found unmarked object") and poisoning of freed
 * objects (a stale read is "found bad pointer in Go heap").
 *
 * <p>The parts a student rebuilds (chapter 05): {@link dev.gort.runtime.gc.WriteBarrier},
 * {@link dev.gort.runtime.gc.Zeroing}, {@link dev.gort.runtime.gc.Sweeper},
 * {@link dev.gort.runtime.gc.Markroot}. Status: reference and internal otherwise.
 */
package dev.gort.runtime.gc;
