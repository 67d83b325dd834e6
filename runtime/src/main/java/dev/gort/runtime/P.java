package dev.gort.runtime;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.sched.SysmonTick;
import dev.gort.runtime.sched.Timers;
import dev.gort.runtime.part.RunQueuePart;

/**
 * A processor: Go's {@code p}, the right and the resources to run Go code. There are exactly
 * GOMAXPROCS Ps in {@code allp}; an M must hold one to run user Gs.
 *
 * <p>Go: runtime2.go {@code type p}, and the status constants {@code _Pidle} ... {@code _Pdead}.
 *
 * <p>Invariants: an idle P ({@code _Pidle}) has an empty run queue and sits on {@code sched.pidle}.
 * Only the M that owns a running P changes its status, except that sysmon and stop-the-world may
 * CAS a P out of {@code _Psyscall}. Ps beyond GOMAXPROCS are {@code _Pdead} and reused when it grows.
 */
public final class P {
    // Go's P status values (runtime2.go).
    public static final int _Pidle = 0;      // no M; on the idle list; empty run queue
    public static final int _Prunning = 1;   // owned by an M running user code or the scheduler
    public static final int _Psyscall = 2;   // its M is in a system call; may be retaken
    public static final int _Pgcstop = 3;    // halted for stop-the-world; keeps its run queue
    public static final int _Pdead = 4;      // beyond GOMAXPROCS

    // immutable after allocation:
    public final Gort rt;
    public final int id;
    public final RunQueuePart runq;          // runnext + the 256-slot ring (a part)
    public final Timers timers = new Timers(); // this P's timer heap (its own lock)

    public final Uint32 status = new Uint32(_Pgcstop);

    // owned by the P's M:
    public M m;                              // back-link to the M; null when idle
    public int schedtick;                    // incremented on every scheduler call
    public int syscalltick;                  // incremented on every system call
    public long goidcache;                   // next goid of this P's batch
    public long goidcacheend;
    public long goroutinesCreated;           // statistics
    public long goroutinesReused;
    public long steals;

    public final SysmonTick sysmontick = new SysmonTick(); // sysmon's last observation (sysmon only)

    // guarded by sched.lock:
    public P link;                           // link on sched.pidle

    public P(Gort rt, int id) {
        this.rt = rt;
        this.id = id;
        this.runq = rt.parts.newRunQueue(this);
    }

    /** Go's status word for a P. */
    public static String statusString(int s) {
        return switch (s) {
            case _Pidle -> "idle";
            case _Prunning -> "running";
            case _Psyscall -> "syscall";
            case _Pgcstop -> "gcstop";
            case _Pdead -> "dead";
            default -> "???";
        };
    }

    @Override
    public String toString() {
        return "P" + id;
    }
}
