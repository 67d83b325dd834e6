// tag::essay[]
/**
 * A Go runtime, rebuilt in Java: the facade a program uses ({@link dev.gort.runtime.Gort},
 * {@link dev.gort.runtime.Config}, {@link dev.gort.runtime.FatalError}) and the structures every
 * subsystem shares, after Go's runtime2.go: {@link dev.gort.runtime.G} (a goroutine),
 * {@link dev.gort.runtime.M} (a thread) and {@link dev.gort.runtime.P} (a processor), with the
 * switches between a G's stack and its M's g0 ({@link dev.gort.runtime.Switch}) and the ways a
 * runtime dies ({@link dev.gort.runtime.Panic}).
 *
 * <p>A runtime is an instance, not a set of statics: several can run in one JVM, side by side,
 * each on the real OS or on a simulated one ({@code dev.gort.runtime.os}). The subsystems live in
 * packages named after Go's files: {@code sched} (proc.go), {@code lock} (lock_futex.go,
 * rwmutex.go, sema.go), {@code mem} (mem*.go, malloc.go's persistentalloc, mfixalloc.go),
 * {@code os}, {@code trace}, {@code atomic}; {@code part} holds the interfaces of the parts a
 * student rebuilds.
 *
 * <p>Debt, stated so that nobody builds on it: the packages still import each other in one cycle
 * (this package, {@code sched}, {@code lock}, {@code mem}, {@code os}, {@code part},
 * {@code trace}), because G, M and P sit beside the facade and hold public fields that the other
 * packages write. {@code PackageGraphTest} records that cycle and fails if it grows.
 */
// end::essay[]
package dev.gort.runtime;
