package dev.gort.runtime.os;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The sweep's settings are read once: code that sets {@code gort.seed}/{@code gort.seeds} while it
 * runs (a submission narrowing a graded sweep to a seed it passes) changes nothing.
 */
class SeedSweepSettingsTest {
    @Test
    void settingThePropertiesLaterChangesNothing() {
        SeedSweep.settings(); // as a test runner does before any other code loads
        String seed = System.getProperty(SeedSweep.SEED_PROPERTY);
        String seeds = System.getProperty(SeedSweep.SEEDS_PROPERTY);
        List<Long> before = new ArrayList<>();
        SeedSweep.run("before", 3, before::add);
        try {
            System.setProperty(SeedSweep.SEED_PROPERTY, "1000");
            System.setProperty(SeedSweep.SEEDS_PROPERTY, "1");
            List<Long> after = new ArrayList<>();
            SeedSweep.run("after", 3, after::add);
            assertThat(after, contains(before.toArray(Long[]::new)));
        } finally {
            restore(SeedSweep.SEED_PROPERTY, seed);
            restore(SeedSweep.SEEDS_PROPERTY, seeds);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
