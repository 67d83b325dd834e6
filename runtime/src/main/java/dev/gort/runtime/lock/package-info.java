// tag::essay[]
/**
 * Runtime synchronization: the {@code mutex}, the one-shot {@code note}, and
 * parking a goroutine.
 *
 * <p>Go's runtime has three ways to wait, and they differ in what they block
 * (HACKING.md): <pre>            Blocks  G    M    P   mutex            Y    Y
 * Y   note             Y    Y    Y/N   (notesleep keeps the P; notetsleepg
 * hands it off)   park             Y    N    N </pre> A {@link
 * dev.gort.runtime.lock.Mutex} puts the whole M to sleep on a futex, G and P
 * with it, so it guards only short critical sections. A {@link
 * dev.gort.runtime.lock.Note} sleeps the M too and is used where a thread waits
 * for an event (an idle M in {@code stopm}). {@link dev.gort.runtime.lock.Park}
 * switches the G out and lets its M run others: the only wait a goroutine
 * should use for anything long.
 *
 * <p>Lock order. Two Ms that take two locks in opposite orders can each hold
 * one and sleep on the other for ever. As in Go, each runtime lock has a {@link
 * dev.gort.runtime.lock.LockRank}; with checked locks (on the simulated OS and
 * wherever Java assertions are on) an M records the locks it holds ({@link
 * dev.gort.runtime.lock.HeldLocks}), taking one out of order dies with Go's
 * "lock ordering problem", and a method that needs a lock begins with {@code
 * Mutex.assertLockHeld}.
 */
// end::essay[]
package dev.gort.runtime.lock;
