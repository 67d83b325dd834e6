package dev.gort.runtime.os;

import dev.gort.runtime.atomic.SchedulingPoint;
import dev.gort.runtime.atomic.Uint32;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import jdk.internal.vm.Continuation;

/**
 * The simulated OS: a deterministic, single-threaded stand-in for {@link RealOs}. Every M is a
 * continuation ({@link SimM}) run by one host thread ({@link SimHost}); every OS call and every
 * operation of the runtime's atomics is a scheduling point where a seeded strategy
 * ({@link Exploration}) may switch to another M; time is virtual. Same seed, same interleaving,
 * same result, on every machine. gort's own; Go has no equivalent (its closest relative is
 * {@code testing/synctest}'s fake clock).
 *
 * <p>Overview:
 * <pre>
 *   host loop:  pick a runnable M (strategy) -> mount it (cont.run) until it yields "OS"
 *   at a point: step++, clock += 100 ns, wake expired timers;
 *               next = strategy.pick(runnable); if next != me: yield "OS" (unmounts me and my G)
 *   futexsleep: (in kernel: no points) if *addr == val: block on addr [until clock + ns]; yield
 *   futexwakeup: make up to cnt Ms blocked on addr runnable, oldest first
 *   usleep:     block until clock + usec; yield
 *   nothing runnable: jump the clock to the earliest timer; with none, it is a deadlock
 * </pre>
 * A G's frames yield the "OS" scope from inside the G's own continuation; the two unmount together
 * and remount together, so a G never notices that its M was switched out.
 *
 * <p>When the simulation cannot go on it reports and the runtime dies with that report: every M
 * blocked and no timer pending ("simulation: all Ms are blocked"), the same with only system Ms'
 * timers pending for a virtual second (sysmon would otherwise tick for ever beside a deadlock that
 * it cannot resolve), or the step budget spent ("simulation: step budget exceeded (livelock?)").
 * The runtime's own checkdead comes first when it can see the deadlock: idle Ms count as idle there.
 *
 * <p>Invariants: exactly one M runs at any instant, on the host thread; all simulation state is
 * owned by that thread (the only exceptions: {@link #newosproc} before {@link #start}, and reads of
 * {@link #nanotime} and the counters after the run, which the start and the runtime's exit latch
 * order). Nothing here reads the host clock or an identity hash, so nothing depends on the machine.
 */
public final class SimOs implements Os {
    /** Virtual nanoseconds that pass at each scheduling point: the cost of a step of work. */
    public static final long STEP_NS = 100;
    /** A deadlock with only system Ms (sysmon) ticking is reported after this much virtual time. */
    public static final long STALL_NS = 1_000_000_000L;
    /** Steps a run may take when no budget is configured. */
    public static final long DEFAULT_STEP_BUDGET = 50_000_000L;
    /** Bytes a simulated process may have mapped at once unless configured (64 GB). */
    public static final long DEFAULT_MEMORY_LIMIT = 64L << 30;

    /** The OS calls the simulation counts per M, to test what a primitive costs (see {@link #calls}). */
    public enum Call {
        /** futexsleep calls that put the thread to sleep (not those that found the word changed). */
        FUTEXSLEEP,
        /** futexwakeup calls, whether or not anyone was asleep. */
        FUTEXWAKEUP,
        OSYIELD,
        PROCYIELD,
        USLEEP
    }

    /** Steps between two samples of the liveness watch: every 6.4 virtual microseconds. */
    static final int WATCH_STEPS = 64;
    /** How long a stranded G may wait beside an idle P when no limit is configured: 1 ms. */
    public static final long DEFAULT_STRANDED_US = 1_000;

    /**
     * How one simulated run is set up.
     *
     * @param strandedUs how many virtual microseconds a {@link Liveness} violation (stranded work)
     *                   may last before the run is reported; 0 turns the watch off
     */
    public record Settings(long seed, Exploration exploration, long stepBudget, long strandedUs) {
        public Settings {
            if (exploration == null) {
                throw new IllegalArgumentException("exploration must not be null (use Exploration.RANDOM)");
            }
            if (stepBudget < 1) {
                throw new IllegalArgumentException("stepBudget must be >= 1, got " + stepBudget);
            }
            if (strandedUs < 0) {
                throw new IllegalArgumentException("strandedUs must be >= 0 (0: off), got " + strandedUs);
            }
        }
    }

    // immutable after construction:
    private final String name;
    private final Settings settings;
    private final int ncpu;
    private final SplittableRandom rng;
    private final Strategy strategy;
    private final BiConsumer<String, String> death; // (message, report): the runtime dies of it
    private final SimHost host;
    private final SimMemory memory;    // the process's address space

    // owned by the host thread (see the class comment for the exceptions):
    private final List<SimM> threads = new ArrayList<>();  // every M's thread, in creation order
    private final List<SimM> runnable = new ArrayList<>(); // RUNNABLE threads, in order of becoming so
    private final List<SimM> blocked = new ArrayList<>();  // BLOCKED threads, oldest first
    private SimM next;                 // chosen at a point, run by the host loop next
    private long clock;                // virtual nanoseconds since boot
    private long steps;                // scheduling points reached
    private long digest = 0xcbf29ce484222325L; // FNV-1a over (step, M) of every switch
    private long lastUserRun;          // virtual time a non-system M last ran
    private long nextDeadline = SimM.NO_DEADLINE; // earliest deadline of a blocked thread
    private boolean overBudget;        // the step budget ran out
    private Liveness watch;            // sampled every WATCH_STEPS steps; null: none
    private long violatedSince = -1;   // virtual time the watch's violation was first seen; -1: holds
    private String violation;          // set when the watch's violation lasted too long
    private String stateAtViolation;   // the watch's state when it was set
    private final SimEvents events = new SimEvents(); // the last OS events, for the report
    private SplittableRandom spurious;  // decides spurious futexsleep returns; null: none
    private int spuriousPercent;       // the share of futexsleeps that return spuriously
    private volatile boolean exited;
    private final AtomicBoolean ended = new AtomicBoolean(); // end() ran
    private final Fds fds = new Fds();        // fds 1 and 2 of the process

    /**
     * @param name     names the host thread, to tell runtimes apart in a thread dump
     * @param settings the seed, the exploration strategy and the step budget
     * @param ncpu     what {@link #ncpu} answers (the runtime's locks spin only when it is > 1)
     * @param death    called on the host thread when the simulation cannot go on, with the message
     *                 and the report; it must end the process ({@link #exit})
     */
    public SimOs(String name, Settings settings, int ncpu, BiConsumer<String, String> death) {
        this(name, settings, ncpu, death, DEFAULT_MEMORY_LIMIT);
    }

    /** The same, with at most {@code memoryLimit} bytes mapped at once (mmap fails beyond). */
    public SimOs(String name, Settings settings, int ncpu, BiConsumer<String, String> death,
                 long memoryLimit) {
        this.memory = new SimMemory(settings.seed(), memoryLimit, this);
        this.name = name;
        this.settings = settings;
        this.ncpu = ncpu;
        this.rng = new SplittableRandom(settings.seed());
        this.strategy = settings.exploration().newStrategy(rng.split());
        this.death = death;
        this.host = new SimHost(this, name + "-sim");
    }

    /**
     * Watches {@code l} for the rest of the run: a violation that lasts longer than the settings'
     * {@code strandedUs} ends the simulation with a report. Before {@link #start}.
     */
    public void watch(Liveness l) {
        if (host.isAlive()) {
            throw new IllegalStateException("watch a simulated OS before it starts");
        }
        this.watch = settings.strandedUs() == 0 ? null : l;
    }

    /**
     * From now on, {@code percent} % of the futexsleep calls that would block return at once
     * instead, as a real futex may (a signal, or a wake-up meant for an earlier sleeper): code that
     * does not re-check its condition in a loop is caught. The choice is seeded like everything
     * else (from the run's seed, apart from the scheduling decisions, which stay as without it).
     * Before {@link #start}.
     */
    public void spuriousWakeups(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 0 and 100, got " + percent);
        }
        if (host.isAlive()) {
            throw new IllegalStateException("set spurious wake-ups before the simulated OS starts");
        }
        spuriousPercent = percent;
        spurious = percent == 0 ? null : new SplittableRandom(settings.seed() * 0x9e3779b97f4a7c15L + 1);
    }

    /** Starts the host thread, which runs the Ms created so far (m0) and every later one. Once. */
    public void start() {
        SimWatchdog.watch(this);
        host.start();
    }

    // ---- the Os interface, called by the running M (or before start, by the booting thread) ----

    @Override
    public void newosproc(Machine mp, Runnable mstart) {
        SimM t = new SimM(mp, mstart);
        SimM self = self();
        if (self == null && host.isAlive()) {
            throw new IllegalStateException("newosproc on a simulated OS from a thread outside it");
        }
        threads.add(t);
        runnable.add(t);
        strategy.started(t);
        events.record(steps, self, "newosproc", null, t);
        if (self != null) {
            point(self);
        }
    }

    @Override
    public Machine getm() {
        return Carrier.thread() == host ? host.currentM() : null;
    }

    @Override
    public void futexsleep(Uint32 addr, int val, long ns) {
        SimM self = osCall();
        self.inKernel = true;
        boolean sleep = addr.load() == val;
        self.inKernel = false;
        if (!sleep) {
            return;
        }
        if (spurious != null && spurious.nextInt(100) < spuriousPercent) {
            events.record(steps, self, "futexsleep (spurious return)", addr, null);
            point(self); // returns without sleeping, after a step like any call
            return;
        }
        events.record(steps, self, ns < 0 ? "futexsleep" : "futexsleep (timed)", addr, null);
        self.calls[Call.FUTEXSLEEP.ordinal()]++;
        block(self, addr, ns < 0 ? SimM.NO_DEADLINE : clock + ns);
    }

    @Override
    public void futexwakeup(Uint32 addr, int cnt) {
        SimM self = osCall();
        self.calls[Call.FUTEXWAKEUP.ordinal()]++;
        for (int i = 0; i < blocked.size() && cnt > 0; ) {
            SimM t = blocked.get(i);
            if (t.futex == addr) {
                events.record(steps, self, "futexwakeup", addr, t);
                unblock(i);
                cnt--;
            } else {
                i++;
            }
        }
        point(self);
    }

    // Memory: a simulated address space (SimMemory): addresses depend only on the seed and the calls
    // made; each call is a scheduling point like any other OS call.

    @Override
    public long mmap(long n, int prot) {
        osCall();
        return memory.mmap(n, prot);
    }

    @Override
    public int munmap(long addr, long n) {
        osCall();
        return memory.munmap(addr, n);
    }

    @Override
    public int madvise(long addr, long n, int advice) {
        osCall();
        return memory.madvise(addr, n, advice);
    }

    @Override
    public int mprotect(long addr, long n, int prot) {
        osCall();
        return memory.mprotect(addr, n, prot);
    }

    @Override
    public MemorySegment memory(long addr, long n) {
        return memory.memory(addr, n); // no call into the kernel: the process touches its memory
    }

    /**
     * The protection of the simulated page holding addr ({@link #PROT_NONE}, or read and write),
     * or -1 when nothing is mapped there: what the kernel's page tables would say, for tests that
     * check the runtime asked the OS for what its region table claims. Not an OS call.
     */
    public int protection(long addr) {
        return memory.protection(addr);
    }

    @Override
    public void osyield() {
        SimM self = osCall();
        self.calls[Call.OSYIELD.ordinal()]++;
        strategy.yielded(self);
        point(self);
    }

    @Override
    public void procyield(int cycles) {
        SimM self = osCall();
        self.calls[Call.PROCYIELD.ordinal()]++;
        clock += cycles; // about a nanosecond per pause
        strategy.yielded(self);
        point(self);
    }

    @Override
    public void usleep(long usec) {
        SimM self = osCall();
        events.record(steps, self, "usleep", null, null);
        self.calls[Call.USLEEP.ordinal()]++;
        block(self, null, clock + Math.max(usec, 0) * 1000);
    }

    /**
     * Always null: while sysmon runs, no simulated M can be blocked outside the simulation (they all
     * share the host thread). A G that blocks the host thread stops every M; the watchdog
     * ({@link SimWatchdog}) reports that instead.
     */
    @Override
    public StackTraceElement[] blockedOutside(Machine mp) {
        return null;
    }

    @Override
    public long nanotime() {
        SimM self = self();
        if (self != null) {
            osCall();
        }
        return clock;
    }

    @Override
    public int ncpu() {
        return ncpu;
    }

    @Override
    public void exit() {
        exited = true; // the host loop stops once the running M yields; the others are dropped
    }

    @Override
    public boolean exited() {
        return exited;
    }

    // ---- observation ----

    /** Virtual nanoseconds since boot. */
    public long clock() {
        return clock;
    }

    /** Scheduling points reached so far. */
    public long steps() {
        return steps;
    }

    /**
     * How many OS calls of this kind M {@code mp} has made so far. Read it from a goroutine of this
     * runtime (the simulation's own thread) or after the run.
     */
    public long calls(Machine mp, Call kind) {
        for (SimM t : threads) {
            if (t.m == mp) {
                return t.calls[kind.ordinal()];
            }
        }
        throw new IllegalArgumentException(mp + " is not an M of " + this);
    }

    /** A digest of the interleaving: every switch, as (step, M id). Equal runs have equal digests. */
    public long scheduleDigest() {
        return digest;
    }

    /** The seed, strategy and budget of this run. */
    public Settings settings() {
        return settings;
    }

    // ---- scheduling points ----

    /** The hook installed in the atomics: a scheduling point if the caller is a simulated M. */
    private static void atomicPoint() {
        if (Carrier.thread() instanceof SimHost h && h.current != null && !h.current.inKernel) {
            h.os.point(h.current);
        }
    }

    /** The simulated thread running the caller, or null off the simulation. */
    private SimM self() {
        return Carrier.thread() == host ? host.current : null;
    }

    /** Entering the OS: a scheduling point. Returns the caller's thread; throws off the simulation. */
    private SimM osCall() {
        SimM self = self();
        if (self == null) {
            throw new IllegalStateException("a simulated OS was called from a thread outside it ("
                    + Thread.currentThread().getName() + "): only its Ms may block, wake or yield");
        }
        if (!self.inKernel) {
            point(self);
        }
        return self;
    }

    /**
     * Runs {@code op} on the calling M as part of its current step: the OS calls and atomics inside
     * are no scheduling points, and no virtual time passes. For the tracer's own work (its buffers
     * come from sysAlloc), so that a traced run of a seed is the same run as an untraced one. Off the
     * simulation (a thread outside it) op just runs.
     */
    public <T> T quietly(java.util.function.Supplier<T> op) {
        SimM self = self();
        if (self == null || self.inKernel) {
            return op.get();
        }
        self.inKernel = true;
        try {
            return op.get();
        } finally {
            self.inKernel = false;
        }
    }

    /** One step of the running thread: time passes, timers fire, and the strategy may switch. */
    private void point(SimM self) {
        if (exited) {
            park(self); // the process is gone: this thread is never resumed
        }
        steps++;
        clock += STEP_NS;
        if (steps > settings.stepBudget()) {
            overBudget = true;
            park(self);
        }
        if (clock >= nextDeadline) {
            fireTimers();
        }
        if (watch != null && steps % WATCH_STEPS == 0) {
            sample(self);
        }
        SimM n = strategy.pick(runnable, self, steps);
        if (n != self) {
            next = n;
            park(self);
        }
    }

    /** One sample of the liveness watch; stops the run once a violation has lasted too long. */
    private void sample(SimM self) {
        boolean wasInKernel = self.inKernel;
        self.inKernel = true; // reading the runtime's atomics here must not be a scheduling point
        String v = watch.violation();
        self.inKernel = wasInKernel;
        if (v == null) {
            violatedSince = -1;
            return;
        }
        if (violatedSince < 0) {
            violatedSince = clock;
        } else if (clock - violatedSince > settings.strandedUs() * 1000) {
            self.inKernel = true;
            violation = "simulation: " + v + " for more than " + settings.strandedUs() + " µs";
            stateAtViolation = watch.state();
            self.inKernel = wasInKernel;
            park(self);
        }
    }

    /** Blocks the running thread on {@code addr} (null: a plain sleep) until woken or {@code deadline}. */
    private void block(SimM self, Uint32 addr, long deadline) {
        self.state = SimM.State.BLOCKED;
        self.futex = addr;
        self.deadline = deadline;
        runnable.remove(self);
        blocked.add(self);
        nextDeadline = Math.min(nextDeadline, deadline);
        park(self);
        if (self.pinned) {
            self.pinned = false;
            throw new IllegalStateException("simulation: " + self + " cannot block: its Java stack is"
                    + " pinned (a native method or a class initializer is on it)");
        }
    }

    /** Unmounts the running thread (and its G): the host loop runs another. */
    private void park(SimM self) {
        Continuation.yield(SimM.SCOPE);
        if (self.pinned && self.state == SimM.State.RUNNABLE) {
            self.pinned = false; // could not switch here: go on with this thread
            next = null;
        }
    }

    private void unblock(int i) {
        SimM t = blocked.remove(i);
        t.state = SimM.State.RUNNABLE;
        t.futex = null;
        t.deadline = SimM.NO_DEADLINE;
        runnable.add(t);
    }

    /** Makes every thread whose deadline has come runnable, oldest sleeper first. */
    private void fireTimers() {
        long earliest = SimM.NO_DEADLINE;
        for (int i = 0; i < blocked.size(); ) {
            SimM t = blocked.get(i);
            if (t.deadline <= clock) {
                unblock(i);
            } else {
                earliest = Math.min(earliest, t.deadline);
                i++;
            }
        }
        nextDeadline = earliest;
    }

    // ---- the host loop ----

    /** The host thread's body: mount the chosen thread until the process exits or cannot go on. */
    void hostLoop(SimHost h) {
        SchedulingPoint.simulationStarted(SimOs::atomicPoint);
        try {
            for (;;) {
                if (exited) {
                    return;
                }
                if (overBudget) {
                    die("simulation: step budget exceeded (livelock?)");
                    return;
                }
                if (violation != null) {
                    die(violation);
                    return;
                }
                SimM t = next != null ? next : choose();
                next = null;
                if (t == null) {
                    return; // choose reported why
                }
                mount(h, t);
            }
        } finally {
            end();
        }
    }

    /** The next thread when nobody chose one: the strategy's pick, or a jump in time, or a report. */
    private SimM choose() {
        if (runnable.isEmpty()) {
            if (blocked.isEmpty()) {
                die("simulation: every M has ended but the process did not exit");
                return null;
            }
            if (nextDeadline == SimM.NO_DEADLINE || onlySystemTimersFor(STALL_NS)) {
                die("simulation: all Ms are blocked");
                return null;
            }
            clock = Math.max(clock, nextDeadline);
            fireTimers();
        }
        return strategy.pick(runnable, null, steps);
    }

    /** Whether every pending timer is a system M's and no other M has run for {@code ns}. */
    private boolean onlySystemTimersFor(long ns) {
        for (SimM t : blocked) {
            if (t.timed() && !t.m.system()) {
                return false;
            }
        }
        return nextDeadline - lastUserRun >= ns;
    }

    private void mount(SimHost h, SimM t) {
        if (!t.m.system()) {
            lastUserRun = clock;
        }
        digest = (digest ^ steps) * 0x100000001b3L;
        digest = (digest ^ t.m.id()) * 0x100000001b3L;
        h.current = t;
        try {
            t.cont.run();
        } catch (Throwable e) {
            h.current = null;
            die("simulation: " + t + "'s thread ended by " + e);
            return;
        } finally {
            h.current = null;
        }
        if (t.cont.isDone()) {
            t.state = SimM.State.DONE;
            runnable.remove(t);
        }
    }

    // ---- a host blocked outside the simulation (called by SimWatchdog's thread) ----

    private long watchedSteps = -1; // steps at the watchdog's last poll (its thread only)

    /**
     * Whether the host thread waits in the JVM with a simulated M mounted and no step reached
     * since the last poll ({@code again}: the last poll found it so too).
     */
    boolean hostBlockedOutside(boolean again) {
        Thread.State s = host.getState();
        boolean waiting = (s == Thread.State.BLOCKED || s == Thread.State.WAITING
                || s == Thread.State.TIMED_WAITING) && host.current != null && !exited;
        boolean still = waiting && (!again || steps == watchedSteps);
        watchedSteps = steps;
        return still;
    }

    /**
     * Ends the run: a goroutine blocked the host thread outside the simulation. The host stays
     * blocked (a daemon thread); if its wait ever ends, it finds the process gone.
     */
    void reportHostBlocked() {
        SimM t = host.current;
        if (t == null || exited) {
            return;
        }
        long goid = t.m.curgoid();
        String who = goid == 0 ? t + "'s g0" : "goroutine " + goid;
        String message = "simulation: " + who + " blocked " + t + "'s thread outside the runtime (a Java"
                + " monitor, Object.wait or another wait the simulated OS cannot see); on the simulated OS"
                + " a goroutine may wait only through the runtime (a Sema, a Note, gopark)";
        StringBuilder where = new StringBuilder("\nwhere ").append(who).append(" waits:\n");
        for (StackTraceElement f : host.getStackTrace()) {
            if (f.getClassName().startsWith("jdk.internal.vm.")) {
                break;
            }
            where.append("        at ").append(f).append('\n');
        }
        String report = SimReport.report(message, threads, settings, clock, steps, events) + where;
        exited = true;
        death.accept(message + " (seed " + settings.seed() + ")", report);
        end(); // the host may never come back to end the simulation itself
    }

    /** The simulation is over: no more watching, and its scheduling points stop counting. Once. */
    private void end() {
        if (ended.compareAndSet(false, true)) {
            SimWatchdog.forget(this);
            SchedulingPoint.simulationEnded();
        }
    }

    private void die(String message) {
        String report = SimReport.report(message, threads, settings, clock, steps, events)
                + (violation == null ? "" : "\n" + stateAtViolation);
        death.accept(message + " (seed " + settings.seed() + ")", report);
        exited = true;
    }

    @Override
    public String toString() {
        return "SimOs[" + name + ", seed " + settings.seed() + ", " + settings.exploration() + "]";
    }

    @Override
    public Fds fds() {
        return fds;
    }
}
