package dev.gort.runtime;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.sched.Timer;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * A goroutine: Go's {@code g}. Its code runs in a {@link Continuation}; parking is a yield back to
 * the M's scheduling loop and running it again is {@code cont.run()} on whatever M picks it up.
 *
 * <p>Go: runtime2.go {@code type g}, and the status constants {@code _Gidle} ... {@code _Gpreempted}.
 *
 * <p>Invariants: a G is never freed (it stays in {@code allgs}, type-stable, as in Go). Its status
 * acts as a lock on its stack: only the M that moved it to {@code _Grunning} or {@code _Gsyscall}
 * runs its continuation. A dead G keeps its continuation, parked at the end of its previous
 * function, so that reusing it from the free list costs no new stack ({@code gfget}). g0 has no
 * continuation: it is the M's own thread stack.
 *
 * <p>Status: internal structure. Students' parts read and link Gs ({@link #schedlink}) but change
 * their status only through the scheduler's functions.
 */
public final class G {
    // Go's G status values (runtime2.go); gort uses Go's names verbatim.
    public static final int _Gidle = 0;      // just allocated, not yet initialised
    public static final int _Grunnable = 1;  // on a run queue; not executing; does not own a stack
    public static final int _Grunning = 2;   // executing user code; owns its stack; has an M and a P
    public static final int _Gsyscall = 3;   // in a system call; owns its stack; has an M, no P
    public static final int _Gwaiting = 4;   // blocked in the runtime; recorded somewhere to be readied
    public static final int _Gdead = 6;      // unused: on a free list, or exiting, or being initialised
    public static final int _Gcopystack = 8; // its stack is being moved (newstack); owned by the mover
    public static final int _Gpreempted = 9; // stopped itself for a suspend; unused by gort so far
    /** Go: _Gscan. Or'ed into a status: whoever set it owns the stack (a scan, a shrink) for now. */
    public static final int _Gscan = 0x1000;

    static final ContinuationScope SCOPE = new ContinuationScope("G");

    // immutable after allocation:
    public final Gort rt;                    // the runtime this G belongs to
    final Continuation cont;                 // the G's stack; null for g0

    // status, read and changed atomically (readgstatus/casgstatus):
    public final Uint32 atomicstatus = new Uint32(_Gidle);

    // owned by whoever owns the G's status:
    public long goid;                        // 0 for g0; 1 for the main goroutine
    public M m;                              // the M running this G, or null
    public M lockedm;                        // the M it is locked to (LockOSThread), or null
    public G schedlink;                      // link in a G queue or list; guarded by that queue
    public WaitReason waitreason = WaitReason.ZERO; // why it waits, valid in _Gwaiting
    public long waitsince;                   // first seen blocked: set by the GC (Go: markroot)
    public volatile boolean preempt;         // preemption requested (sysmon, STW)
    public Object param;                     // passed by the waker to the parked G
    public Runnable fn;                      // what the G runs next; set by newproc1
    public boolean isMain;                       // the main goroutine: its return exits the process
    public Object gcstate;                   // the collector's state of this G (gc.GState), or null
    public long parentGoid;                  // the goroutine whose go statement made it (Go: parentGoid)
    public Class<?> startfn;                 // the class of the function it started with (Go: startpc)
    public Timer timer;                      // its sleep timer, made at its first sleep (Go: g.timer)
    public long sleepWhen;                   // when its current sleep ends (Go: g.sleepWhen)

    // the simulated stack (dev.gort.runtime.stack), owned like the G's status; user Gs get one from
    // stackalloc in newproc1, g0 and gsignal a fixed one on their first frame:
    public long stackLo;                     // Go: stack.lo; 0: no stack
    public long stackHi;                     // Go: stack.hi; frames grow down from here
    public volatile long stackguard0;        // the prologue's bound; stackPreempt asks to preempt
    public long stackguard1;                 // ~0 on a user G; lo + stackGuard on g0 and gsignal
    public long sp;                          // the top frame's address; stackHi with no frame
    public int morestackNeed;                // bytes wanted by the frame that called morestack
    public boolean preemptShrink;            // shrink the stack at the next synchronous safe point
    public final boolean signal;             // an M's gsignal (a system G)

    private G(Gort rt, boolean system, boolean signal) {
        this.rt = rt;
        this.cont = system ? null : new GContinuation(this);
        this.signal = signal;
        this.stackguard1 = -1L; // ~0: no system-stack code on a user G
        this.stackguard0 = system ? -1L : 0; // a system G's first frame gets it its stack
    }

    /** Allocates a user G with a stack (Go: malg). */
    public static G malg(Gort rt) {
        return new G(rt, false, false);
    }

    /** Allocates an M's g0: a G whose stack is the M's own. */
    public static G malgSystem(Gort rt) {
        return new G(rt, true, false);
    }

    /** Allocates an M's gsignal: the G whose stack signal handlers run on (Go: mpreinit's malg(32K)). */
    public static G malgSignal(Gort rt) {
        return new G(rt, true, true);
    }

    /** The goroutine's id, as in Go's tracebacks. */
    public long goid() {
        return goid;
    }

    /** Go: readgstatus. */
    public int readgstatus() {
        return atomicstatus.load();
    }

    /** Go's traceback word for a status ("runnable", "waiting", ...). */
    public static String statusString(int status) {
        if ((status & _Gscan) != 0) {
            return statusString(status & ~_Gscan) + " (scan)";
        }
        return switch (status) {
            case _Gidle -> "idle";
            case _Grunnable -> "runnable";
            case _Grunning -> "running";
            case _Gsyscall -> "syscall";
            case _Gwaiting -> "waiting";
            case _Gdead -> "dead";
            case _Gcopystack -> "copystack";
            case _Gpreempted -> "preempted";
            default -> "???";
        };
    }

    /** Whether this is a system G: an M's g0 or gsignal (a system stack). */
    public boolean isSystem() {
        return cont == null;
    }

    @Override
    public String toString() {
        int s = readgstatus();
        String what = s == _Gwaiting ? waitreason.toString() : statusString(s);
        return "goroutine " + goid + " [" + what + "]";
    }

    /**
     * The G's stack. The body loops so that a dead G parked at the end of one function can be handed
     * the next one (gfget), which is how Go reuses a G's stack.
     */
    private static final class GContinuation extends Continuation {
        private final G gp;

        GContinuation(G gp) {
            super(SCOPE, () -> dev.gort.runtime.sched.Proc.goroutineBody(gp));
            this.gp = gp;
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            Panic.print("runtime: goroutine " + gp.goid + " cannot leave its M: its Java stack is "
                    + "pinned (" + reason + ": a native method or a class initializer is on it)\n");
            Panic.throw_("mcall: goroutine stack is pinned");
        }
    }
}
