package dev.gort.runtime;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.HeldLocks;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.os.Machine;
import dev.gort.runtime.trace.TraceBuf;
import dev.gort.runtime.trace.TraceM;
import java.lang.reflect.Field;

/**
 * A machine: Go's {@code m}, an OS thread that runs Go code. It runs the scheduler on its g0 (its
 * own thread stack) and user Gs by resuming their continuations.
 *
 * <p>Go: runtime2.go {@code type m}.
 *
 * <p>Invariants: an M runs user code only while it holds a P ({@code p != null}), except in a
 * system call. {@code locks > 0} forbids scheduling and preemption. Ms are never freed: they stay on
 * the {@code allm} chain.
 *
 * <p>Status: internal structure; only the M's own thread writes the fields under "owned by the M".
 */
public final class M implements Machine, TraceM {
    // immutable after allocation:
    public final Gort rt;
    public final long id;                    // from sched.mnext
    public final G g0;                       // the scheduling stack
    public final G gsignal;                  // the signal-handling stack
    public final Note park = new Note();     // stopm sleeps here; startm wakes it
    public final HeldLocks locksHeld = new HeldLocks(); // checked mode: the runtime locks it holds
    final byte[] printbuf = new byte[Print.BUF];       // print's staging buffer: only this M's thread

    // owned by the M:
    public G curg;                           // the user G attached to this M, if any
    public G g;                              // what getg() returns: g0 or curg
    public P p;                              // attached P for running Go code; null without one
    public P nextp;                          // P to acquire when woken (set by startm)
    public P oldp;                           // the P held before entering a system call
    public int locks;                        // runtime locks held and acquirem nesting
    public boolean spinning;                 // out of work and actively looking for some
    public boolean blocked;                  // asleep on a note
    public int syscalltick;                  // p.syscalltick copied at entersyscall
    int throwing;                            // throwType while dying
    int sigcode;                             // the fault being reported: si_code (0: none)
    long sigaddr;                            // ... and the faulting address
    public int mallocing;                    // inside mallocgc: no panic, no preemption (Go: m.mallocing)
    public String preemptoff;                // non-empty: keep curg on this M
    public Runnable mstartfn;                // run first on a new M (sysmon)
    public G lockedg;                        // the G locked to this M (LockOSThread), or null
    public int lockedExt;                    // LockOSThread nesting (Go: uint32, external)
    public int lockedInt;                    // the runtime's own lockOSThread nesting (internal)
    public boolean exitThread;               // its locked G exited: the thread ends (mexit)
    public volatile boolean exited;          // the thread has ended (guarded by sched.lock)
    private long rand;                       // cheaprand state
    public final boolean system;             // sysmon and other Ms that never run Gs

    private TraceBuf tracebuf;               // this M's trace events, when tracing (TraceM)

    // gopark's arguments, carried to park_m on g0:
    public UnlockFunc waitunlockf;
    public Object waitlock;

    // the pending switch to g0 (mcall/systemstack), read by the M's loop:
    Switch.Fn mcallfn;
    Runnable sysfn;

    // sysmon's hand-off of a thread blocked outside the runtime (Sysmon.retakeBlocked):
    public static final int OUTSIDE_NONE = 0;   // running, or blocked where the runtime knows
    public static final int OUTSIDE_TAKING = 1; // sysmon is putting the M in a system call
    public static final int OUTSIDE_TAKEN = 2;  // done: the G leaves that call on re-entry
    public final Uint32 outside = new Uint32(OUTSIDE_NONE);

    // guarded by sched.lock:
    public M schedlink;                      // link on sched.midle
    public M alllink;                        // link on allm (written once before publication)

    public M(Gort rt, long id, boolean system) {
        this.rt = rt;
        this.id = id;
        this.system = system;
        this.g0 = G.malgSystem(rt);
        this.g0.m = this;
        this.gsignal = G.malgSignal(rt);
        this.gsignal.m = this;
        this.g = g0;
        this.rand = 0x9E3779B97F4A7C15L * (id + 1);
    }

    /** Go: acquirem. Pins the caller to its M: no preemption, no scheduling until releasem. */
    public static M acquirem() {
        M mp = Switch.getm("M.acquirem");
        mp.locks++;
        return mp;
    }

    /** Go: releasem. */
    public static void releasem(M mp) {
        mp.locks--;
    }

    /** A fast per-M pseudo-random number (wyrand). Go: cheaprand. */
    public int cheaprand() {
        rand += 0xa0761d6478bd642fL;
        long x = rand ^ 0xe7037ed1a0b428dbL;
        long hi = Math.multiplyHigh(rand, x);
        return (int) (hi ^ (rand * x));
    }

    /** A uniform random number in [0, n). Go: cheaprandn. */
    public int cheaprandn(int n) {
        return (int) (((cheaprand() & 0xffffffffL) * n) >>> 32);
    }

    // ---- what the OS layer knows of this M (Machine) ----

    @Override
    public long id() {
        return id;
    }

    @Override
    public boolean system() {
        return system;
    }

    @Override
    public String curg() {
        G gp = curg;
        return gp == null ? null : gp.toString();
    }

    @Override
    public long curgoid() {
        G gp = curg;
        return gp == null ? 0 : gp.goid;
    }

    @Override
    public String nameOf(Object o) {
        for (Field f : rt.sched.getClass().getDeclaredFields()) {
            try {
                f.setAccessible(true);
                if (f.get(rt.sched) == o) {
                    return "sched." + f.getName();
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not readable: try the next field
            }
        }
        return park == o ? "m" + id + ".park" : null;
    }

    @Override
    public TraceBuf tracebuf() {
        return tracebuf;
    }

    @Override
    public void tracebuf(TraceBuf buf) {
        tracebuf = buf;
    }

    @Override
    public String toString() {
        return "M" + id;
    }
}
