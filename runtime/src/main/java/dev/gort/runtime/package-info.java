// tag::essay[]
/**
 * A Go runtime, rebuilt in Java: the facade a program uses ({@link
 * dev.gort.runtime.Gort}, {@link dev.gort.runtime.Config}, {@link
 * dev.gort.runtime.FatalError}) and the structures every subsystem shares,
 * after Go's runtime2.go: {@link dev.gort.runtime.G} (a goroutine), {@link
 * dev.gort.runtime.M} (a thread) and {@link dev.gort.runtime.P} (a processor),
 * with the switches between a G's stack and its M's g0 ({@link
 * dev.gort.runtime.Switch}) and the ways a runtime dies ({@link
 * dev.gort.runtime.Panic}).
 *
 * <p>A runtime is an instance, not a set of statics: several can run in one
 * JVM, side by side, each on the real OS or on a simulated one ({@code
 * dev.gort.runtime.os}). The subsystems live in packages named after Go's
 * files: {@code sched} (proc.go), {@code lock} (lock_futex.go, rwmutex.go,
 * sema.go), {@code mem} (mem*.go, malloc.go's persistentalloc, mfixalloc.go),
 * {@code os}, {@code trace}, {@code atomic}; {@code part} holds the interfaces
 * of the parts a student rebuilds, and {@link dev.gort.runtime.Config} the
 * wiring of the reference ones.
 *
 * <p>Layers. {@code atomic}, {@code os} and {@code trace} sit below everything
 * and import nothing above them: the OS layer and the tracer know an M only
 * through the small interfaces {@code os.Machine} and {@code trace.TraceM},
 * which M implements. One cycle is left, and it is the public API's: G and M
 * (which every subsystem uses) live here beside Gort and Config (which use
 * every subsystem); lock.Sema and lock.Park (which park Gs) live beside
 * lock.Mutex (which the scheduler takes); Config.parts(Parts) and new
 * Memory(os, checked, Parts) tie the parts to this package and to mem; the
 * collector ({@code gc}) and the stacks ({@code stack}) join it the way mem
 * does. So this package, {@code sched}, {@code lock}, {@code mem}, {@code
 * part}, {@code gc} and {@code stack} import each other. {@code
 * PackageGraphTest} pins that cycle edge by edge, each edge with its reason,
 * and fails if a package joins it or an edge appears.
 */
// end::essay[]
package dev.gort.runtime;
