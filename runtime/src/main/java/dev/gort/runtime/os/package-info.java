/**
 * The operating system as the runtime sees it.
 *
 * <p>Everything the runtime asks of an OS goes through {@link dev.gort.runtime.os.Os}: start a thread
 * for an M ({@code newosproc}), sleep on and wake a futex word, yield, spin, sleep, read the clock,
 * and exit. Nothing above this package touches {@link java.lang.Thread} or
 * {@link java.util.concurrent.locks.LockSupport} directly, so the same scheduler runs on real
 * threads ({@link dev.gort.runtime.os.RealOs}) and can run on a deterministic simulation.
 *
 * <p>Go: os_linux.go ({@code newosproc}, {@code futexsleep}, {@code futexwakeup}, {@code osyield},
 * {@code usleep}), time_nofake.go ({@code nanotime}), and {@code exit}.
 */
package dev.gort.runtime.os;
