package dev.gort.runtime.os;

import java.util.List;
import java.util.SplittableRandom;

/** {@link Exploration#RANDOM}: every runnable M is equally likely at every scheduling point. */
final class RandomWalk extends Strategy {
    private final SplittableRandom rng;

    RandomWalk(SplittableRandom rng) {
        this.rng = rng;
    }

    @Override
    void started(SimM m) {}

    @Override
    void yielded(SimM m) {}

    @Override
    SimM pick(List<SimM> runnable, SimM running, long step) {
        return runnable.get(rng.nextInt(runnable.size()));
    }
}
