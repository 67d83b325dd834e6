// tag::essay[]
/**
 * The scheduler: Go's proc.go. It runs Gs (goroutines) on Ms (threads) that
 * hold Ps (the right to run Go code), GOMAXPROCS of them.
 *
 * <p>The problem. There are far more goroutines than threads, and threads are
 * expensive to wake and to keep spinning. A global run queue under one lock
 * would serialize every {@code go} statement and every wakeup; a thread per
 * goroutine would cost a kernel switch per switch.
 *
 * <p>The design, as in Go:
 * <ol>
 * <li>Each P has a local run queue (a 256-slot ring plus {@code runnext}) that
 * only its M puts     into and anyone may steal half of ({@link
 * dev.gort.runtime.sched.RunQueue}); a global queue     under {@code
 * sched.lock} takes the overflow and is checked every 61st tick, for
 * fairness.</li>
 * <li>An M looks for work in Go's order ({@link
 * dev.gort.runtime.sched.FindRunnable}): local,     global, then stealing from
 * other Ps in a random order; with nothing found it gives its P     back and
 * parks ({@code stopm}).</li>
 * <li>Waking is conservative ({@link dev.gort.runtime.sched.Threads}): whoever
 * makes a G runnable     calls {@code wakep}, which starts one spinning M only
 * if a P is idle and none is spinning;     the last spinning M to give up
 * re-checks every queue, so work is never stranded beside an     idle P. The
 * simulated OS checks that promise on every run     ({@link
 * dev.gort.runtime.sched.StrandedWork}).</li>
 * <li>A G that blocks its thread in a system call leaves its P in {@code
 * _Psyscall}; sysmon     ({@link dev.gort.runtime.sched.Sysmon}) retakes it if
 * the call lasts, and preempts Gs that     run longer than 10 ms.</li> </ol>
 *
 * <p>Rejected: one lock for everything (Go before 1.1: it did not scale past a
 * few threads), and waking an M for every new G (each wakeup costs microseconds
 * and most find nothing to do).
 *
 * <p>Locks: {@code sched.lock} (rank {@code sched}) guards the idle lists and
 * the global queue; methods that need it begin with {@code
 * Mutex.assertLockHeld(sched.lock)}.
 *
 * <p>The surface for parts: {@link dev.gort.runtime.sched.Proc} holds every
 * proc.go function a part may call ({@code execute}, {@code globrunqget},
 * {@code pidleput}, {@code acquirep}, {@code releasep}, {@code stopm}, {@code
 * handoffp}, {@code wakep}, {@code casgstatus}...), under Go's names and
 * arguments; the classes that hold their code keep them package-private.
 */
// end::essay[]
package dev.gort.runtime.sched;
