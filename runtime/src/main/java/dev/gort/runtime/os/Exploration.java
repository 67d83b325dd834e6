package dev.gort.runtime.os;

import java.util.SplittableRandom;

/**
 * How {@link SimOs} chooses the next M at a scheduling point: a uniform random walk, or PCT
 * (probabilistic concurrency testing). gort's own; Go has no simulator.
 *
 * <p>PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010) gives each thread a random
 * priority and always runs the highest-priority runnable one; at {@code depth - 1} steps drawn at
 * random from {@code [1, horizon]} the running thread drops below every other. A bug that needs
 * {@code d} ordering constraints to show is found with probability at least {@code 1/(n k^(d-1))}
 * per run (n threads, k steps), which is far better than a random walk for small d. The random walk
 * switches often and finds shallow races fast. Immutable.
 */
public final class Exploration {
    /** A uniform choice among the runnable Ms at every scheduling point. */
    public static final Exploration RANDOM = new Exploration(0, 0);

    /** The horizon PCT assumes when none is given: change points fall in its first 10,000 steps. */
    public static final long DEFAULT_HORIZON = 10_000;

    private final int depth;     // 0 for the random walk
    private final long horizon;  // PCT: the steps over which change points are drawn

    private Exploration(int depth, long horizon) {
        this.depth = depth;
        this.horizon = horizon;
    }

    /** PCT with bug depth {@code depth} (>= 1) and change points in the first 10,000 steps. */
    public static Exploration pct(int depth) {
        return pct(depth, DEFAULT_HORIZON);
    }

    /** PCT with bug depth {@code depth} (>= 1) and change points in {@code [1, horizon]}. */
    public static Exploration pct(int depth, long horizon) {
        if (depth < 1) {
            throw new IllegalArgumentException("PCT depth must be >= 1 (1: no change points), got " + depth);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("PCT horizon must be >= 1 step, got " + horizon);
        }
        return new Exploration(depth, horizon);
    }

    /** A fresh strategy for one run, drawing from {@code rng}. */
    Strategy newStrategy(SplittableRandom rng) {
        return depth == 0 ? new RandomWalk(rng) : new Pct(rng, depth, horizon);
    }

    @Override
    public String toString() {
        return depth == 0 ? "random" : "pct(depth=" + depth + ", horizon=" + horizon + ")";
    }
}
