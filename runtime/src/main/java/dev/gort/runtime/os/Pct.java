package dev.gort.runtime.os;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link Exploration#pct}: the highest-priority runnable M runs; at each of {@code depth - 1}
 * random change points the running M drops below all others.
 *
 * <p>Overview: initial priorities are drawn at random above {@code depth}, so the change points'
 * priorities {@code depth-1 ... 1} are below every initial one (the later change point lower
 * still). One departure from the paper: PCT assumes threads never spin, but the runtime's locks do
 * (procyield, osyield). A high-priority M spinning for a lock held by a low-priority one would
 * spin forever, so a yield hint drops the M below every priority given so far, as a change point
 * does. Ties (equal random priorities, rare) go to the M
 * that became runnable first.
 */
final class Pct extends Strategy {
    private final SplittableRandom rng;
    private final int depth;
    private final long[] changePoints; // sorted steps at which the running M is demoted
    private int nextChange;             // index into changePoints
    private long lowest;                // the lowest priority given so far

    Pct(SplittableRandom rng, int depth, long horizon) {
        this.rng = rng;
        this.depth = depth;
        this.changePoints = new long[depth - 1];
        for (int i = 0; i < changePoints.length; i++) {
            changePoints[i] = 1 + rng.nextLong(horizon);
        }
        Arrays.sort(changePoints);
        this.lowest = 1;
    }

    @Override
    void started(SimM m) {
        m.priority = depth + rng.nextLong(1L << 40);
    }

    @Override
    void yielded(SimM m) {
        m.priority = --lowest;
    }

    @Override
    SimM pick(List<SimM> runnable, SimM running, long step) {
        while (nextChange < changePoints.length && changePoints[nextChange] <= step) {
            if (running != null) {
                running.priority = depth - 1 - nextChange;
                lowest = Math.min(lowest, running.priority);
            }
            nextChange++;
        }
        SimM best = runnable.get(0);
        for (SimM m : runnable) {
            if (m.priority > best.priority) {
                best = m;
            }
        }
        return best;
    }
}
