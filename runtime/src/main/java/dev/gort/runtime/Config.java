package dev.gort.runtime;

import dev.gort.runtime.stack.CopyStack;
import dev.gort.runtime.stack.NewStack;
import dev.gort.runtime.stack.ShrinkStack;
import dev.gort.runtime.stack.StackAlloc;

import dev.gort.runtime.os.Exploration;
import dev.gort.runtime.os.SimOs;
import dev.gort.runtime.lock.LockFutex;
import dev.gort.runtime.lock.NoteFutex;
import dev.gort.runtime.lock.Parking;
import dev.gort.runtime.lock.RWMutexImpl;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.sched.FindRunnable;
import dev.gort.runtime.sched.GFree;
import dev.gort.runtime.sched.RunQueue;
import dev.gort.runtime.sched.Syscalls;
import java.io.PrintStream;

/**
 * How to boot a runtime: GOMAXPROCS, tracing, and where the runtime prints. Immutable; each
 * {@code with}-style method returns a new Config.
 *
 * <p>Go: the environment a Go program starts with ({@code GOMAXPROCS}; {@code runtime/trace}).
 */
public final class Config {
    private final int gomaxprocs;
    private final boolean tracing;
    private final int traceLimit;
    private final PrintStream stderr;
    private final String name;
    private final Parts parts;
    private final SimOs.Settings sim; // null: the real OS
    private final boolean checkedMemory;
    private final long memoryLimit;
    private final Boolean checkLocks; // null: the default (see checkLocks())
    private final long maxStackSize;  // Go: maxstacksize
    private final String traceback;   // GOTRACEBACK; null: the environment's

    private Config(int gomaxprocs, boolean tracing, int traceLimit, PrintStream stderr, String name,
                   Parts parts, SimOs.Settings sim, boolean checkedMemory, long memoryLimit,
                   Boolean checkLocks, long maxStackSize, String traceback) {
        this.traceback = traceback;
        this.checkLocks = checkLocks;
        this.maxStackSize = maxStackSize;
        this.checkedMemory = checkedMemory;
        this.memoryLimit = memoryLimit;
        this.parts = parts;
        this.sim = sim;
        this.gomaxprocs = gomaxprocs;
        this.tracing = tracing;
        this.traceLimit = traceLimit;
        this.stderr = stderr;
        this.name = name;
    }

    /** GOMAXPROCS = the number of CPUs, no tracing, printing to {@link System#err}. */
    public static Config defaults() {
        return new Config(Runtime.getRuntime().availableProcessors(), false, 1_000_000,
                System.err, "gort", Parts.reference(), null, true, SimOs.DEFAULT_MEMORY_LIMIT, null,
                dev.gort.runtime.stack.Stacks.MAX_STACK_SIZE, null);
    }

    /** Sets GOMAXPROCS, the number of Ps: at least 1, with no upper limit (as in Go since 1.10). */
    public Config gomaxprocs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("gomaxprocs must be at least 1, got " + n);
        }
        return new Config(n, tracing, traceLimit, stderr, name, parts, sim,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** Turns the execution tracer on or off. */
    public Config tracing(boolean on) {
        return new Config(gomaxprocs, on, traceLimit, stderr, name, parts, sim,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** How many trace events to keep at most (later ones are counted and dropped). */
    public Config traceLimit(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("traceLimit must be >= 0, got " + events);
        }
        return new Config(gomaxprocs, tracing, events, stderr, name, parts, sim,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** Where fatal errors and panics print (Go's stderr). */
    public Config stderr(PrintStream err) {
        if (err == null) {
            throw new IllegalArgumentException("stderr must not be null");
        }
        return new Config(gomaxprocs, tracing, traceLimit, err, name, parts, sim,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** A name for the runtime's threads, to tell runtimes apart in a thread dump. */
    public Config name(String n) {
        if (n == null || n.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        return new Config(gomaxprocs, tracing, traceLimit, stderr, n, parts, sim,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** Chooses the implementation of each part (the reference by default). */
    public Config parts(Parts p) {
        if (p == null) {
            throw new IllegalArgumentException("parts must not be null (use Parts.reference())");
        }
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, p, sim,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /**
     * Runs the runtime on the simulated OS ({@link SimOs}) with this seed: one host thread, Ms
     * switched at every OS call and atomic operation by a seeded random walk, virtual time. The
     * same seed gives the same run. GOMAXPROCS is also the simulated number of CPUs.
     */
    public Config simulated(long seed) {
        SimOs.Settings s = sim == null
                ? new SimOs.Settings(seed, Exploration.RANDOM, SimOs.DEFAULT_STEP_BUDGET,
                        SimOs.DEFAULT_STRANDED_US)
                : new SimOs.Settings(seed, sim.exploration(), sim.stepBudget(), sim.strandedUs());
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts, s,
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** How the simulated OS explores interleavings (random walk by default). After {@link #simulated}. */
    public Config exploration(Exploration e) {
        SimOs.Settings s = simSettings("exploration");
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts,
                new SimOs.Settings(s.seed(), e, s.stepBudget(), s.strandedUs()),
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** The most scheduling points a simulated run may take before it is reported as a livelock. */
    public Config stepBudget(long steps) {
        SimOs.Settings s = simSettings("stepBudget");
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts,
                new SimOs.Settings(s.seed(), s.exploration(), steps, s.strandedUs()),
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /**
     * How many virtual microseconds a runnable G may wait beside an idle P with no M spinning
     * before the simulated OS reports it as stranded work (a lost wakeup); 0 turns the check off.
     * Default {@value SimOs#DEFAULT_STRANDED_US}. After {@link #simulated}.
     */
    public Config strandedWork(long micros) {
        SimOs.Settings s = simSettings("strandedWork");
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts,
                new SimOs.Settings(s.seed(), s.exploration(), s.stepBudget(), micros),
                checkedMemory, memoryLimit, checkLocks, maxStackSize, traceback);
    }

    private SimOs.Settings simSettings(String what) {
        if (sim == null) {
            throw new IllegalStateException(what + " applies to the simulated OS: call simulated(seed)"
                    + " first");
        }
        return sim;
    }

    /**
     * Whether accesses to unmanaged memory are checked against the region states (the default).
     * Unchecked, on the real OS, a stray access is a real SIGSEGV that kills the JVM, as in Go; the
     * simulated OS always checks.
     */
    public Config checkedMemory(boolean on) {
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts, sim, on,
                memoryLimit, checkLocks, maxStackSize, traceback);
    }

    /** The most bytes the runtime's process may have mapped at once (like {@code ulimit -v}). */
    public Config memoryLimit(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("memoryLimit must be >= 0, got " + bytes);
        }
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts, sim,
                checkedMemory, bytes, checkLocks, maxStackSize, traceback);
    }

    /** Whether memory accesses are checked: always on the simulated OS. */
    public boolean checkedMemory() {
        return checkedMemory || sim != null;
    }

    public long memoryLimit() {
        return memoryLimit;
    }

    /**
     * Turns checked locks on or off: lock ranks ("lock ordering problem"), owners, and
     * assertLockHeld. By default they are on for the simulated OS and when Java assertions are
     * enabled (as in every test), and off otherwise, as Go's static lock ranking is off in a
     * release build.
     */
    public Config checkLocks(boolean on) {
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts, sim, checkedMemory,
                memoryLimit, on, maxStackSize, traceback);
    }

    /**
     * Go: maxstacksize (runtime/debug.SetMaxStack). The most bytes a goroutine's stack may grow to;
     * beyond it the runtime dies of "stack overflow". Go's is 1 GB; tests lower it.
     */
    public Config maxStackSize(long bytes) {
        if (bytes < dev.gort.runtime.stack.Stacks.FIXED_STACK) {
            throw new IllegalArgumentException("maxStackSize must be at least the starting stack ("
                    + dev.gort.runtime.stack.Stacks.FIXED_STACK + " bytes), got " + bytes);
        }
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts, sim, checkedMemory,
                memoryLimit, checkLocks, bytes, traceback);
    }

    // tag::traceback[]
    /**
     * GOTRACEBACK: how much a dying runtime prints. {@code none} (no stacks),
     * {@code single} (the failing goroutine; the default), {@code all} (every
     * goroutine), {@code system} (also runtime frames, system goroutines and
     * frame addresses), {@code crash} (system, then abort: exit status 134, not
     * 2); a number N is level N with all goroutines, as in Go. Without this
     * setting the runtime reads the GOTRACEBACK environment variable at boot.
     */
    public Config traceback(String level) {
        if (level == null) {
            throw new IllegalArgumentException("traceback must be none, single,"
                    + " all, system, crash or a number, got null (leave it unset"
                    + " to read the GOTRACEBACK environment variable)");
        }
        return new Config(gomaxprocs, tracing, traceLimit, stderr, name, parts,
                sim, checkedMemory, memoryLimit, checkLocks, maxStackSize, level);
    }
    // end::traceback[]

    /** The GOTRACEBACK setting, or null when the runtime takes it from the environment. */
    public String traceback() {
        return traceback;
    }

    /** The most bytes a goroutine's stack may have (see {@link #maxStackSize(long)}). */
    public long maxStackSize() {
        return maxStackSize;
    }

    /** Whether locks are checked (see {@link #checkLocks(boolean)}). */
    public boolean checkLocks() {
        return checkLocks != null ? checkLocks : sim != null || Config.class.desiredAssertionStatus();
    }

    /** The simulated OS's settings, or null when the runtime runs on the real OS. */
    public SimOs.Settings simulation() {
        return sim;
    }

    public Parts parts() {
        return parts;
    }

    public int gomaxprocs() {
        return gomaxprocs;
    }

    public boolean tracing() {
        return tracing;
    }

    public int traceLimit() {
        return traceLimit;
    }

    public PrintStream stderr() {
        return stderr;
    }

    public String name() {
        return name;
    }

    /*
     * The reference wiring: which class is the runtime's own code for each scheduler, lock and stack part.
     * It lives here, beside the choice it completes, so that the parts package names the parts
     * without importing their implementations (the memory parts are completed by Memory).
     */
    private static final Parts REFERENCE = Parts.reference().runq(RunQueue::new).gfree(GFree::new)
            .findRunnable(new FindRunnable()).syscall(new Syscalls()).mutex(new LockFutex())
            .note(new NoteFutex()).park(new Parking()).rwmutex(new RWMutexImpl())
            .stackalloc(StackAlloc::new).newstack(new NewStack()).copystack(new CopyStack())
            .shrinkstack(new ShrinkStack());

    /** {@code chosen}, with the reference for every scheduler, lock and stack part it leaves unchosen. */
    static Parts complete(Parts chosen) {
        return chosen.orElse(REFERENCE);
    }
}
