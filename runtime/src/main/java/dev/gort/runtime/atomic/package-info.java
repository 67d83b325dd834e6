// tag::essay[]
/**
 * The runtime's atomics: Go's {@code internal/runtime/atomic}, one small class
 * per width.
 *
 * <p>Every shared word the scheduler and the locks race on is one of these
 * objects, so there is one place where memory-ordering is decided ({@code
 * load}/{@code store} are volatile, {@code loadAcq}/{@code storeRel} are
 * acquire/release, CAS and exchange are volatile) and one place where a
 * simulated OS can interpose a scheduling point. The identity of a {@link
 * Uint32} is also what a futex sleeps on: it plays the part of the word's
 * address.
 *
 * <p>Every operation opens with {@code if (SchedulingPoint.active)
 * SchedulingPoint.reached();}: under the simulated OS each atomic operation is
 * a point where another M may run, so races in lock-free code are explored; on
 * the real OS the branch is never taken ({@link
 * dev.gort.runtime.atomic.SchedulingPoint}).
 *
 * <p>Status: internal (the runtime and students' parts use it; it is not a
 * student part).
 */
// end::essay[]
package dev.gort.runtime.atomic;
