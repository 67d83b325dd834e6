package dev.gort.grader.demo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;

class TokenRingTest {

    @ParameterizedTest(name = "{0} members, {1} laps, GOMAXPROCS {2}")
    @CsvSource({"1, 5, 1", "2, 50, 2", "1000, 3, 1", "1000, 3, 4"})
    void everyHandOffArrivesAndTheRunEnds(int members, int laps, int procs) {
        Gort gort = Gort.boot(Config.defaults().gomaxprocs(procs));
        var ring = new TokenRing(members, laps);

        gort.run(ring::run);

        assertThat(ring.handoffs(), is((long) members * laps));
        assertThat(gort.stats().gsCreated(), greaterThanOrEqualTo((long) members + 1));
    }

    @ParameterizedTest(name = "GOMAXPROCS {0}")
    @CsvSource({"1", "2"})
    void shortLivedGoroutinesAfterTheRingReuseItsGs(int procs) {
        Gort gort = Gort.boot(Config.defaults().gomaxprocs(procs));

        Demo.Result r = new Demo(2000, 2, 1).run(gort);

        assertThat(r.ringHandoffs(), is(4000L));
        assertThat(r.syscalls(), greaterThanOrEqualTo(1L));
        assertThat(r.stats().gsReused(), greaterThanOrEqualTo(1000L));
    }
}
