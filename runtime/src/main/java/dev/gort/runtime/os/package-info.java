// tag::essay[]
/**
 * The operating system as the runtime sees it.
 *
 * <p>Everything the runtime asks of an OS goes through {@link
 * dev.gort.runtime.os.Os}: start a thread for an M ({@code newosproc}), sleep
 * on and wake a futex word, yield, spin, sleep, read the clock, and exit.
 * Nothing above this package touches {@link java.lang.Thread} or {@link
 * java.util.concurrent.locks.LockSupport} directly, so the same scheduler runs
 * on real threads ({@link dev.gort.runtime.os.RealOs}) and on a deterministic
 * simulation ({@link dev.gort.runtime.os.SimOs}: one host thread, Ms as
 * continuations, seeded interleavings, virtual time; {@link
 * dev.gort.runtime.os.SeedSweep} runs a scenario over many seeds).
 *
 * <p>Go: os_linux.go ({@code newosproc}, {@code futexsleep}, {@code
 * futexwakeup}, {@code osyield}, {@code usleep}), time_nofake.go ({@code
 * nanotime}), and {@code exit}.
 *
 * <p>Layer: the bottom, with {@code atomic}. An M is known here only as a
 * {@link dev.gort.runtime.os.Machine} (its id, its goroutine, the names of what
 * it sleeps on), and the platform thread running the caller is read through
 * {@link dev.gort.runtime.os.Carrier}.
 */
// end::essay[]
package dev.gort.runtime.os;
