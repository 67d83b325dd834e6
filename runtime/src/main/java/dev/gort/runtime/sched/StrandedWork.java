package dev.gort.runtime.sched;

import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.os.Liveness;

/**
 * Stranded work: a runnable G waits in a run queue while a P is idle and no M is spinning to find
 * it. The scheduler's wakeup protocol (see {@link Threads}) promises this never lasts: whoever makes
 * a G runnable calls wakep, and the last spinning M re-checks every queue after it stops spinning.
 * A lost wakeup (golang/go#45867) breaks exactly that promise, so the simulated OS watches for it.
 *
 * <p>Go: no counterpart in the runtime; it is the property that proc.go's "Worker thread
 * parking/unparking" comment argues for.
 *
 * <p>Read racily on the simulation's host thread; it excludes a stop-the-world in progress (Ps are
 * then stopped on purpose). A part that throws while being read (a stub) makes the sample hold.
 */
public final class StrandedWork implements Liveness {
    private final Sched sched;

    public StrandedWork(Sched sched) {
        this.sched = sched;
    }

    @Override
    public String violation() {
        try {
            if (sched.gcwaiting.load() || sched.npidle.load() == 0 || sched.nmspinning.load() != 0) {
                return null;
            }
            if (sched.runq.size() != 0) {
                return "stranded work: a runnable goroutine in the global queue, an idle P and no"
                        + " spinning M";
            }
            for (P pp : sched.allp()) {
                if (pp.status.load() != P._Pidle && !pp.runq.runqempty()) {
                    return "stranded work: a runnable goroutine in " + pp + "'s run queue, an idle P"
                            + " and no spinning M";
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null; // a part that cannot be read yet (a stub): nothing to judge
        }
    }

    @Override
    public String state() {
        StringBuilder b = new StringBuilder("scheduler: npidle=").append(sched.npidle.load())
                .append(" nmspinning=").append(sched.nmspinning.load())
                .append(" needspinning=").append(sched.needspinning.load())
                .append(" global runq=").append(sched.runq.size()).append('\n');
        for (P pp : sched.allp()) {
            b.append("  ").append(pp).append(": ").append(P.statusString(pp.status.load()))
                    .append(", m=").append(pp.m == null ? "none" : pp.m.toString())
                    .append(", runq=").append(runq(pp)).append('\n');
        }
        for (M mp = sched.allm; mp != null; mp = mp.alllink) {
            b.append("  ").append(mp).append(mp.system ? " (system)" : "").append(": p=")
                    .append(mp.p == null ? "none" : mp.p.toString())
                    .append(", spinning=").append(mp.spinning)
                    .append(", curg=").append(mp.curg == null ? "none" : mp.curg.toString()).append('\n');
        }
        return b.toString();
    }

    private static String runq(P pp) {
        try {
            if (pp.runq.runqempty()) {
                return "empty";
            }
            int n = pp.runq.size();
            return n == 0 ? "a G in runnext" : n + " in the ring (runnext not counted)";
        } catch (RuntimeException e) {
            return "unreadable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
