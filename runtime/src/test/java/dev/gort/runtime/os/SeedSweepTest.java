package dev.gort.runtime.os;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/** The seed properties mean the same in every sweep: gort.seed alone replays one seed. */
class SeedSweepTest {
    @Test
    void withoutPropertiesTheCallersSeedsRun() {
        assertThat(SeedSweep.firstSeed(null, 1), equalTo(1L));
        assertThat(SeedSweep.seedCount(null, null, 3), equalTo(3));
    }

    @Test
    void gortSeedAloneReplaysExactlyThatSeed() {
        assertThat(SeedSweep.firstSeed(42L, 1), equalTo(42L));
        assertThat(SeedSweep.seedCount(42L, null, 3), equalTo(1));
    }

    @Test
    void gortSeedsSetsHowManyFromGortSeedOrTheCallersFirst() {
        assertThat(SeedSweep.seedCount(null, 2, 3), equalTo(2));
        assertThat(SeedSweep.firstSeed(null, 5), equalTo(5L));
        assertThat(SeedSweep.seedCount(42L, 2, 3), equalTo(2));
        assertThat(SeedSweep.firstSeed(42L, 5), equalTo(42L));
    }
}
