package dev.gort.runtime.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A runtime's execution tracer: records scheduler events into per-M buffers and exports them.
 *
 * <p>Go: trace.go / traceevent.go (event kinds GoCreate, GoStart, GoBlock/GoPark, GoUnblock,
 * GoSyscall*, ProcStart, ProcStop, STW). Callers guard each call with {@code rt.tracing}, a final
 * field, so a runtime without tracing pays one predictable branch per event site.
 *
 * <p>At most {@code limit} events are kept; later ones are counted in {@link #dropped()}.
 *
 * <p>Tracing must not change what it records: on the simulated OS a traced run of a seed is the
 * same run as an untraced one. So the tracer's shared counter is a JDK atomic (not one of the
 * runtime's, which are scheduling points there) and its clock is one that reading does not step
 * (the simulation's virtual clock).
 */
public final class Tracer {
    public static final int GO_CREATE = 0;  // g created by the G running on p; arg = parent goid
    public static final int GO_START = 1;   // g starts (or resumes) running on p
    public static final int GO_END = 2;     // g exits
    public static final int GO_PARK = 3;    // g parks; arg = WaitReason ordinal
    public static final int GO_UNPARK = 4;  // g made runnable; arg = 1 by goready, 0 by unlockf false
    public static final int GO_SCHED = 5;   // g yields (Gosched); arg = 1 if preempted
    public static final int GO_SYSCALL = 6; // g enters a system call; arg = 1 if blocking (P handed off)
    public static final int GO_SYSEXIT = 7; // g leaves a system call; p = -1 if it lost its P
    public static final int PROC_START = 8; // the M acquires p
    public static final int PROC_STOP = 9;  // the M releases p
    public static final int STEAL = 10;     // p stole g (and others) from P arg
    public static final int HANDOFF = 11;   // p handed off
    public static final int STW_START = 12; // stop-the-world begins
    public static final int STW_DONE = 13;  // the world restarts; arg = GOMAXPROCS
    public static final int GC_START = 14;  // a GC cycle's mark begins; arg = cycle number
    public static final int GC_DONE = 15;   // a GC cycle's mark ends (sweep begins); arg = cycle

    static final String[] NAMES = {"GoCreate", "GoStart", "GoEnd", "GoPark", "GoUnpark", "GoSched",
        "GoSyscall", "GoSysExit", "ProcStart", "ProcStop", "Steal", "Handoff", "STWStart", "STWDone",
        "GCStart", "GCDone"};

    private final long start;
    private final long limit;
    private final AtomicLong count = new AtomicLong(); // events claimed so far, up to limit
    private volatile boolean full;                // limit reached: later events only count locally
    private final List<TraceBuf> bufs = new CopyOnWriteArrayList<>(); // every M's buffer, once made
    private final List<String> reasons;            // wait reasons by ordinal, to name GO_PARK's arg
    private final java.util.function.LongSupplier clock;
    private final TraceMemory memory;             // where the buffers come from

    /**
     * @param limit the most events to keep
     * @param reasons the names of the wait reasons, by ordinal (GO_PARK's arg)
     * @param clock the runtime's nanotime, read without a scheduling point on the simulated OS
     * @param memory where the buffers come from (the runtime's unmanaged memory)
     */
    public Tracer(long limit, List<String> reasons, java.util.function.LongSupplier clock,
                  TraceMemory memory) {
        this.memory = memory;
        this.limit = limit;
        this.reasons = List.copyOf(reasons);
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** Records an event from M {@code mp}. Only mp's own thread may call this. */
    public void event(TraceM mp, int type, long g, int p, long arg) {
        TraceBuf buf = mp.tracebuf();
        if (buf == null) {
            buf = new TraceBuf(memory);
            mp.tracebuf(buf);
            bufs.add(buf);
        }
        // Once full, Ms only count what they drop in their own buffers: a shared counter would
        // make every traced event a contended write.
        if (full || count.incrementAndGet() > limit) {
            full = true;
            buf.dropped++;
            return;
        }
        buf.add(clock.getAsLong() - start, type, g, p, mp.id(), arg);
    }

    /** How many events were dropped for lack of room. */
    public long dropped() {
        long n = 0;
        for (TraceBuf b : bufs) {
            n += b.dropped;
        }
        return n;
    }

    /** All recorded events in time order (ties broken by M, then by recording order). */
    public List<TraceEvent> events() {
        List<TraceEvent> out = new ArrayList<>();
        for (TraceBuf b : bufs) {
            b.drainTo(out);
        }
        out.sort(Comparator.comparingLong(TraceEvent::ts).thenComparingLong(TraceEvent::m));
        return out;
    }

    /** Writes the events as Chrome trace-event JSON, which ui.perfetto.dev and chrome://tracing open. */
    public void writeChromeJson(Path file) throws IOException {
        ChromeTrace.write(events(), dropped(), reasons, file);
    }
}
