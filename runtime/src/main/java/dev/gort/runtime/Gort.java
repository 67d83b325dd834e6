package dev.gort.runtime;

import dev.gort.runtime.lock.Park;
import dev.gort.runtime.gc.Gc;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.HeapStats;
import dev.gort.runtime.mem.MemStats;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.os.OsExit;
import dev.gort.runtime.os.RealOs;
import dev.gort.runtime.os.SimOs;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.part.StackAllocPart;
import dev.gort.runtime.sched.OsThreadLock;
import dev.gort.runtime.sched.Proc;
import dev.gort.runtime.sched.Sched;
import dev.gort.runtime.sched.Schedule;
import dev.gort.runtime.sched.StrandedWork;
import dev.gort.runtime.sched.Sysmon;
import dev.gort.runtime.sched.Threads;
import dev.gort.runtime.sched.World;
import dev.gort.runtime.trace.Tracer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Go runtime: its scheduler, its Ms, Ps and Gs, and its OS. A runtime is an instance, not a set of
 * statics, so several can run in one JVM side by side.
 *
 * <p>Go: proc.go {@code rt0_go}/{@code schedinit}/{@code runtime.main} (boot and exit), and the
 * runtime's public surface ({@code go}, {@code Gosched}, {@code Goexit}, {@code GOMAXPROCS}).
 *
 * <p>Use: {@code Gort.boot(config).run(main)} runs {@code main} as the main goroutine and returns
 * when it returns (other goroutines are abandoned, as when a Go program's main returns). Inside a
 * goroutine the static methods act on the runtime running it. A runtime runs one program; it ends
 * when main returns or when it dies ({@link FatalError}), and every thread it started ends with it.
 *
 * <p>Goroutines have no thread identity, as in Go: a goroutine that parks may resume on another M.
 * Do not use {@link Thread#currentThread()} (or thread-locals) in goroutine code: the JIT assumes a
 * method never changes threads and may hand back the thread it read before a park. Use
 * {@link #getg()} ({@code getg().m} is the M running it now) or {@link Switch#carrier()}.
 */
public final class Gort {
    /**
     * No longer a limit: GOMAXPROCS may be any positive int, as in Go since 1.10 (before, Go capped
     * it at 1024 and so did gort). Kept because it is public API: it is now only the number of Ps
     * that the per-P tables (free Gs, stack caches, persistentalloc chunks, mcaches) are first made
     * for; procresize grows them beyond it.
     */
    public static final int MAX_GOMAXPROCS = 1024;
    /**
     * System property: a directory where every runtime on the simulated OS records its execution
     * trace and writes it as Perfetto JSON when it exits ({@code NAME-seedS.json}, {@code -died}
     * added when it died). Set by {@code ./workbook replay}; in the spirit of GODEBUG.
     */
    public static final String TRACE_DIR_PROPERTY = "gort.tracedir";

    private static final AtomicInteger BOOTED = new AtomicInteger();
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int EXITED = 2;

    // immutable after boot:
    public final Config config;
    public final Os os;
    public final Sched sched;
    public final boolean tracing;
    public final Tracer tracer;
    public final Parts parts;                // which implementation of each part it runs
    public final Memory mem;                 // unmanaged memory: address space, stats, allocators
    public final StackAllocPart stackalloc;  // goroutine stacks (chapter 02), in mem.stacksSys
    public final Heap heap;                  // the garbage-collected heap and its collector
    public final boolean checkLocks;         // lock ranks, owners and assertLockHeld are checked
    final int traceback;                     // GOTRACEBACK as Go keeps it (Go: traceback_cache)
    private final String traceFile;          // where the trace goes at exit (TRACE_DIR_PROPERTY), or null

    public volatile boolean mainStarted;     // set once the main goroutine exists (Go: mainStarted)

    private final AtomicInteger state = new AtomicInteger(NEW);
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile boolean exiting;
    private boolean dying;                   // guarded by printlock: a fatal error is being reported
    private FatalError secondError;          // guarded by printlock: another one meanwhile, noted
    private volatile FatalError fatal;
    private final Object printlock = new Object();

    private Gort(Config config) {
        this.config = config;
        this.parts = Config.complete(config.parts());
        this.sched = new Sched(parts.newGFree());
        String osName = config.name() + BOOTED.incrementAndGet();
        if (config.simulation() == null) {
            this.os = new RealOs(osName, config.memoryLimit());
        } else {
            SimOs sim = new SimOs(osName, config.simulation(), config.gomaxprocs(), this::simulationDied,
                    config.memoryLimit());
            sim.watch(new StrandedWork(sched));
            this.os = sim;
        }
        String traceDir = System.getProperty(TRACE_DIR_PROPERTY);
        this.traceFile = traceDir == null || config.simulation() == null ? null
                : Path.of(traceDir, osName + "-seed" + config.simulation().seed()).toString();
        this.tracing = config.tracing() || traceFile != null;
        this.checkLocks = config.checkLocks();
        os.fds().dup2(config.stderr(), 2);
        String gotraceback = config.traceback() != null ? config.traceback() : System.getenv("GOTRACEBACK");
        this.traceback = Traceback.parse(gotraceback == null ? "" : gotraceback);
        this.mem = new Memory(os, config.checkedMemory(), parts);
        this.stackalloc = parts.newStackAlloc(mem);
        this.heap = new Heap(mem, MAX_GOMAXPROCS, parts, checkLocks);
        // On the simulated OS the tracer neither steps the clock nor adds scheduling points, so
        // that a traced seed is the same run as an untraced one (./workbook replay traces it).
        this.tracer = os instanceof SimOs sim
                ? new Tracer(config.traceLimit(), WAIT_REASONS, sim::clock,
                        n -> sim.quietly(() -> mem.traceBufAlloc(n)))
                : new Tracer(config.traceLimit(), WAIT_REASONS, os::nanotime, mem);
    }

    /** Go's wait-reason strings by ordinal: how the tracer names a park. */
    private static final java.util.List<String> WAIT_REASONS =
            java.util.Arrays.stream(WaitReason.values()).map(WaitReason::toString).toList();

    /** Boots a runtime: nothing runs until {@link #run}. */
    public static Gort boot(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null (use Config.defaults())");
        }
        return new Gort(config);
    }

    /**
     * Runs {@code main} as the main goroutine (goid 1) and returns when it returns. Throws
     * {@link FatalError} if the runtime died instead (a throw, a deadlock, an unrecovered panic).
     * Must be called from a thread outside any runtime, once per runtime.
     */
    public void run(Runnable main) {
        if (main == null) {
            throw new IllegalArgumentException("main must not be null");
        }
        if (Switch.getm() != null) {
            throw new IllegalStateException("Gort.run called from inside a goroutine: use Gort.go to"
                    + " start another goroutine, or run a new runtime from a plain thread");
        }
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException("this runtime has already run a program: boot a new one"
                    + " (Gort.boot) for each run");
        }
        Threads.rt0go(this, main);
        if (os instanceof SimOs sim) {
            sim.start(); // its host thread runs every M; this thread only waits, as on the real OS
        }
        try {
            exited.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the runtime to exit", e);
        }
        if (traceFile != null) {
            writeTrace(Path.of(traceFile + (fatal != null ? "-died" : "") + ".json"));
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    // ---- the goroutine API: call from inside a goroutine of a running runtime ----

    /**
     * Go: runtime.GC. Runs a full garbage collection — mark, then sweep of every span — and
     * returns when it is done. Call from a goroutine.
     */
    public static void gc() {
        Gc.gc(current().heap);
    }

    /**
     * Go: debug.SetGCPercent (GOGC). A cycle starts when the heap has grown by percent since the
     * last one found it live (at least 4 MB × percent/100); a negative value turns the collector
     * off. Returns the previous setting.
     */
    public static int setGCPercent(int percent) {
        return current().heap.setGCPercent(percent);
    }

    /** Go: the {@code go} statement. Starts fn in a new goroutine. */
    public static void go(Runnable fn) {
        Proc.newproc(enter("Gort.go"), fn);
    }

    /** Go: runtime.Gosched. Yields the processor, letting other goroutines run. */
    public static void gosched() {
        Schedule.gosched(userM("Gort.gosched"));
    }

    /**
     * Go: runtime.Goexit. Ends the calling goroutine: its {@code finally} blocks run (as deferred
     * calls do in Go), then it exits. Goexit from the main goroutine leaves the program running
     * until the other goroutines finish or deadlock.
     */
    public static void goexit() {
        userG("Gort.goexit");
        throw new Goexit();
    }

    // tag::panic[]
    /**
     * Go: panic (gopanic). Panics with value {@code v}: unwinds the calling
     * goroutine as a {@link GoPanic}, which a {@code catch} may recover; one that
     * escapes the goroutine kills the runtime with {@code panic: v}. Refused with
     * a throw, as in Go, on the system stack ("panic on system stack"), inside
     * malloc ("panic during malloc"), with preemption off ("panic during
     * preemptoff") and while holding runtime locks ("panic holding locks").
     * Declared to return so that a call site can write {@code throw Gort.panic(v)}.
     */
    public static RuntimeException panic(Object v) {
        M mp = Switch.getm("Gort.panic");
        Panic.panicCheck(mp, v);
        throw new GoPanic(v, Traceback.Sim.of(mp.curg));
    }
    // end::panic[]

    /**
     * Go: getg. The G running on the calling thread: a user G, an M's g0 on the system stack, or its
     * gsignal in a signal handler ({@link Switch#sigtramp}).
     */
    public static G getg() {
        return Switch.getm("Gort.getg").g;
    }

    /** The runtime of the calling thread. */
    public static Gort current() {
        return Switch.getm("Gort.current").rt;
    }

    /** A blocking call run as a system call; see {@link #syscall}. */
    @FunctionalInterface
    public interface SyscallFn<X extends Throwable> {
        void run() throws X;
    }

    /**
     * Runs a call that may block the thread as a system call (Go: entersyscall / exitsyscall around
     * it): the P stays ready to be retaken, so if the call takes long sysmon hands the P to another
     * M and other goroutines go on.
     */
    public static <X extends Throwable> void syscall(SyscallFn<X> fn) throws X {
        enter("Gort.syscall").rt.parts.syscall().entersyscall();
        try {
            fn.run();
        } finally {
            exitsyscall();
        }
    }

    /** Runs a call known to block as a system call that hands the P off at once (entersyscallblock). */
    public static <X extends Throwable> void syscallBlock(SyscallFn<X> fn) throws X {
        enter("Gort.syscallBlock").rt.parts.syscall().entersyscallblock();
        try {
            fn.run();
        } finally {
            exitsyscall();
        }
    }

    /** Go: entersyscall. Pair with {@link #exitsyscall}; prefer {@link #syscall}. */
    public static void entersyscall() {
        userM("Gort.entersyscall").rt.parts.syscall().entersyscall();
    }

    /** Go: entersyscallblock. Pair with {@link #exitsyscall}; prefer {@link #syscallBlock}. */
    public static void entersyscallblock() {
        userM("Gort.entersyscallblock").rt.parts.syscall().entersyscallblock();
    }

    /** Go: exitsyscall. */
    public static void exitsyscall() {
        userM("Gort.exitsyscall").rt.parts.syscall().exitsyscall();
    }

    /** Go: gopark. See {@link Park#gopark}. */
    public static void gopark(UnlockFunc unlockf, Object lock, WaitReason reason) {
        Park.gopark(enter("Gort.gopark"), unlockf, lock, reason == null ? WaitReason.ZERO : reason);
    }

    /** Go: goready. See {@link Park#goready}. */
    public static void goready(G gp) {
        if (gp == null) {
            throw new IllegalArgumentException("goready: gp must not be null");
        }
        M mp = Switch.getm("Gort.goready");
        if (mp.outside.load() != M.OUTSIDE_NONE) {
            mp = Sysmon.reenter(mp);
        }
        if (mp.g != mp.g0 && mp.curg.preempt) { // a user G: honour a preemption request
            Schedule.checkPreempt(mp);
            mp = Switch.getm(); // the G may have moved
        }
        Park.goready(mp, gp);
    }

    // tag::sleep[]
    /**
     * Go: time.Sleep (runtime timeSleep). Parks the calling goroutine for at least
     * {@code nanos} nanoseconds ({@code <= 0}: returns at once). Its timer is armed
     * only once it is parked (resetForSleep runs as gopark's unlock function), so
     * that a P cannot run the timer's goready before the G is waiting.
     */
    public static void sleep(long nanos) {
        M mp = enter("Gort.sleep");
        if (nanos <= 0) {
            return;
        }
        G gp = mp.curg;
        if (gp.timer == null) {
            gp.timer = new dev.gort.runtime.sched.Timer(
                    dev.gort.runtime.sched.Timer.GOROUTINE_READY, gp);
        }
        long when = mp.rt.os.nanotime() + nanos;
        if (when < 0) { // overflow
            when = dev.gort.runtime.sched.Timer.MAX_WHEN;
        }
        gp.sleepWhen = when;
        Park.gopark(mp, RESET_FOR_SLEEP, null, WaitReason.SLEEP);
    }

    /** Go: resetForSleep. gopark's unlock function for sleep: arms the timer. */
    private static final UnlockFunc RESET_FOR_SLEEP = (gp, unused) -> {
        gp.timer.reset(gp.sleepWhen, 0);
        return true;
    };
    // end::sleep[]

    /**
     * Go: nanotime (time.Now's monotonic clock, as the runtime reads it). Nanoseconds since an
     * arbitrary origin: real time on the real OS, the simulation's virtual clock on the simulated
     * one. The clock sleeps and timers are measured on. Call from a goroutine.
     */
    public static long nanotime() {
        return userM("Gort.nanotime").rt.os.nanotime();
    }

    /**
     * Go: time.AfterFunc. After at least {@code nanos} nanoseconds, starts {@code fn} in its own
     * goroutine; the returned timer can stop or reset it. Call from a goroutine.
     */
    public static Timer afterFunc(long nanos, Runnable fn) {
        if (fn == null) {
            throw new IllegalArgumentException("afterFunc: fn must not be null");
        }
        userM("Gort.afterFunc");
        Timer t = new Timer(fn);
        t.reset(nanos);
        return t;
    }

    /**
     * Go: runtime.LockOSThread. Wires the calling goroutine to the thread (M) running it: until
     * the same number of {@link #unlockOSThread} calls, it always runs on that thread and no other
     * goroutine does. If it exits while locked, the thread ends with it. Calls nest.
     */
    public static void lockOSThread() {
        OsThreadLock.LockOSThread(userM("Gort.lockOSThread"));
    }

    /**
     * Go: runtime.UnlockOSThread. Undoes one {@link #lockOSThread}; the goroutine is free again
     * once every one is undone. Does nothing if it holds none.
     */
    public static void unlockOSThread() {
        OsThreadLock.UnlockOSThread(userM("Gort.unlockOSThread"));
    }

    /** The lock counts of the calling goroutine's thread: Go's export_test LockOSCounts. */
    public record LockOSCounts(int external, int internal) {}

    /** Go: runtime.LockOSCounts (export_test.go). The calling thread's two nesting counts. */
    public static LockOSCounts lockOSCounts() {
        M mp = userM("Gort.lockOSCounts");
        return new LockOSCounts(mp.lockedExt, mp.lockedInt);
    }

    /** Go: runtime.GOMAXPROCS. Sets the number of Ps ({@code n < 1}: only reads); returns the old one. */
    public static int gomaxprocs(int n) {
        userG("Gort.gomaxprocs");
        return World.gomaxprocs(n);
    }

    /**
     * Go: runtime.NumGoroutine (gcount). The goroutines that exist now: every G ever allocated
     * less the dead ones waiting on free lists. Called from a goroutine of the runtime it counts.
     */
    public static int numGoroutine() {
        return userM("Gort.numGoroutine").rt.gcount();
    }

    /**
     * Go: runtime.Stack. The calling goroutine's stack as Go prints it ({@code goroutine N
     * [running]:}, then its frames); with {@code all}, then every other goroutine, each after a
     * blank line, with its status or wait reason ({@code goroutine 7 [sleep]:}). With all the world
     * is stopped while it is written, so it shows the goroutines that NumGoroutine counts.
     */
    public static String stack(boolean all) {
        M mp = enter("Gort.stack");
        StackTraceElement[] own = new Throwable().getStackTrace(); // this goroutine's frames
        return Traceback.stack(mp.rt, mp.curg, own, all);
    }

    /**
     * Go: the allocation half of procresize's {@code (*p).init}: every subsystem's per-P table
     * gets room for P ids below nprocs. With the world stopped (or at boot); internal.
     */
    public void pinit(int nprocs) {
        sched.gFree.procresize(nprocs);
        stackalloc.procresize(nprocs);
        mem.persistent.procresize(nprocs);
        heap.procresize(nprocs);
    }

    /** Go: gcount. Counts Gs that are neither dead nor just allocated (a racy snapshot). */
    int gcount() {
        int n = 0;
        int len = sched.allglen();
        for (int i = 0; i < len; i++) {
            int s = sched.allg(i).readgstatus();
            if (s != G._Gdead && s != G._Gidle) {
                n++;
            }
        }
        return n;
    }

    /** A cooperative preemption point: yields if the runtime asked this goroutine to. */
    public static void checkPreempt() {
        Schedule.checkPreempt(userM("Gort.checkPreempt"));
    }

    /** The M running the calling user goroutine; a clear error anywhere else. */
    private static M userM(String what) {
        M mp = Switch.getm(what);
        if (mp.outside.load() != M.OUTSIDE_NONE) {
            mp = Sysmon.reenter(mp);
        }
        if (mp.g == mp.g0 || mp.g == mp.gsignal) {
            throw Panic.throw_(what + " called on the system stack");
        }
        return mp;
    }

    private static void userG(String what) {
        userM(what);
    }

    /**
     * Entering the runtime from a user goroutine: where Go's function prologue would notice a
     * preemption request, gort's entry points honour one (sysmon's 10 ms rule, stop-the-world).
     * Returns the M running the caller afterwards.
     */
    private static M enter(String what) {
        M mp = userM(what);
        if (mp.curg.preempt) {
            Schedule.checkPreempt(mp);
            mp = Switch.getm(); // the G may have moved
        }
        return mp;
    }

    // ---- observation ----

    /** A snapshot of the scheduler's counters. */
    public SchedStats stats() {
        long created = 0;
        long reused = 0;
        long steals = 0;
        for (P pp : sched.allpAll()) {
            created += pp.goroutinesCreated;
            reused += pp.goroutinesReused;
            steals += pp.steals;
        }
        int nm = 0;
        for (M mp = sched.allm(); mp != null; mp = mp.alllink) {
            nm++;
        }
        return new SchedStats(created, reused, sched.mstarted(), steals, sched.handoffs(),
                sched.allglen(), nm);
    }

    /**
     * Go: runtime.ReadMemStats. The memory statistics now (the fields of Go's MemStats that apply):
     * callable from a goroutine of this runtime, or from any thread after it ran.
     */
    public MemStats readMemStats() {
        return mem.readMemStats();
    }

    /** The garbage-collected heap's statistics (Go: the heap half of MemStats). */
    public HeapStats.Snapshot readHeapStats() {
        return heap.stats.snapshot();
    }

    /** The execution tracer (records only when booted with {@code Config.tracing(true)}). */
    public Tracer tracer() {
        return tracer;
    }

    /** Whether the runtime has exited (main returned, or it died). */
    public boolean exiting() {
        return exiting;
    }

    // ---- exit and death (internal) ----

    /** Go: exit. Ends the process; the calling thread ends by {@link OsExit}. */
    public void exit(int code) {
        finish(null);
        throw new OsExit();
    }

    /**
     * Go's print, for the dying path: to fd 2 of this runtime's process, which keeps what it got for
     * the {@link FatalError} report. One write for the whole text, so that a report is never torn by
     * another M's output (Go holds printlock across it); it may allocate, since the process is dying.
     */
    void print(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        os.write(2, b, 0, b.length);
    }

    /**
     * The dying path of throw, fatal and fatalpanic, on M mp. Always ends the run, whatever goes
     * wrong on the way: a second fatal error (on another M while this one prints, or an exception
     * while printing the report itself) is noted at the end of the report and attached to the
     * FatalError as suppressed; the error reported is the first one. Go: panic.go
     * {@code startpanic_m} ("panic during panic") and {@code fatalthrow}.
     */
    void dieOn(M mp, FatalError.Kind kind, String s, Throwable cause) {
        synchronized (printlock) {
            if (exiting) {
                if (dying && secondError == null) { // the first death is still being reported
                    secondError = new FatalError(kind, s, heading(kind, s) + " (on " + mp + ")", cause);
                }
                return; // already exiting: this thread just ends
            }
            exiting = true;
            dying = true;
        }
        // Go: throwTypeRuntime, throwTypeUser, or none for a panic
        mp.throwing = kind == FatalError.Kind.THROW ? 2 : kind == FatalError.Kind.FATAL ? 1 : 0;
        Throwable inReport = null;
        try {
            print(kind == FatalError.Kind.PANIC ? Panic.printpanics(cause) : heading(kind, s) + "\n");
            if (mp.sigcode != 0) {
                print(String.format("[signal SIGSEGV: segmentation violation code=0x%x addr=0x%x pc=0x0]\n",
                        mp.sigcode, mp.sigaddr));
                if (config.simulation() != null) {
                    print("[simulated OS, seed " + config.simulation().seed()
                            + ": the same seed replays this fault at the same address]\n");
                }
            }
            Traceback.traceback(this, mp, kind, cause);
        } catch (Throwable t) {
            inReport = t; // a second error while printing the report (possibly itself a throw)
        }
        FatalError f;
        synchronized (printlock) {
            if (inReport != null && !(inReport instanceof OsExit)) {
                print("panic during panic\nruntime: " + inReport + "\nstack trace unavailable\n");
            }
            if (secondError != null) {
                print("\nruntime: a second fatal error while dying (the first one is reported above):\n"
                        + secondError.output() + "\n");
            }
            f = new FatalError(kind, s, os.fds().stderrText(), cause,
                    Traceback.crash(this) ? FatalError.EXIT_SIGABRT : FatalError.EXIT_STATUS);
            if (secondError != null) {
                f.addSuppressed(secondError);
            }
            if (inReport != null && !(inReport instanceof OsExit)) {
                f.addSuppressed(inReport);
            }
        }
        finish(f);
    }

    private static String heading(FatalError.Kind kind, String s) {
        return kind == FatalError.Kind.PANIC ? "panic: " + s : "fatal error: " + s;
    }

    /**
     * A Java exception escaped an M's system stack: a bug in the runtime, or a student's part that
     * is not written yet ({@link dev.gort.runtime.part.Todo}, whose message then names the runtime's
     * death, so that the student reads what to do next).
     */
    public void internalError(M mp, Throwable t) {
        try {
            Panic.print("runtime: unexpected " + t + " on the system stack of " + mp + "\n");
            String s = t instanceof dev.gort.runtime.part.Todo ? t.getMessage()
                    : "unexpected " + t.getClass().getSimpleName() + " in the runtime";
            throw Panic.throwCause(s, t);
        } catch (OsExit e) {
            // this thread ends
        }
    }

    /**
     * The simulated OS cannot go on (every M blocked, or the step budget spent): the runtime dies
     * of it, with the simulator's report as its output. Called on the simulation's host thread.
     */
    private void simulationDied(String message, String report) {
        synchronized (printlock) {
            if (exiting) {
                return;
            }
            exiting = true;
        }
        print("fatal error: " + message + "\n\n" + report);
        finish(new FatalError(FatalError.Kind.FATAL, message, os.fds().stderrText(), null));
    }

    private void finish(FatalError f) {
        exiting = true;
        if (state.getAndSet(EXITED) != EXITED) {
            fatal = f;
            os.exit();
            exited.countDown();
        }
    }

    /** Writes the execution trace for {@link #TRACE_DIR_PROPERTY}; a failure to write is only noted. */
    private void writeTrace(Path file) {
        try {
            Files.createDirectories(file.getParent());
            tracer.writeChromeJson(file);
        } catch (IOException | RuntimeException e) {
            System.err.println("gort: could not write the execution trace " + file + ": " + e);
        }
    }

    /** Unwinds a goroutine that called {@link #goexit} to the bottom of its stack. */
    public static final class Goexit extends Error {
        private static final long serialVersionUID = 1L;

        Goexit() {
            super("runtime.Goexit", null, false, false);
        }
    }
}
