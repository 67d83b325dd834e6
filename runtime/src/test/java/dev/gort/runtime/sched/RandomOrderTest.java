package dev.gort.runtime.sched;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/** The order stealWork visits Ps in. Go: proc_test.go TestStealOrder (RunStealOrderTest). */
class RandomOrderTest {

    @Test
    void everyEnumerationVisitsEachPOnce() {
        for (int procs = 1; procs <= 64; procs++) {
            RandomOrder ord = new RandomOrder(procs);
            if (procs >= 3) {
                assertThat("coprimes of " + procs, ord.strides(), greaterThanOrEqualTo(2));
            }
            for (int co = 0; co < ord.strides(); co++) {
                boolean[] checked = new boolean[procs];
                int inc = ord.inc(co);
                for (int k = 0, pos = ord.start(co); k < procs; k++, pos = (pos + inc) % procs) {
                    if (checked[pos]) {
                        fail("procs " + procs + ", inc " + inc + ": P " + pos + " visited twice");
                    }
                    checked[pos] = true;
                }
            }
        }
    }

    @Test
    void differentStartValuesGiveDifferentStartAndStridePairs() {
        for (int procs = 2; procs <= 64; procs++) {
            RandomOrder ord = new RandomOrder(procs);
            boolean[] checked = new boolean[procs * procs];
            // at least procs * len(coprimes) different (pos, inc) pairs before one repeats
            for (int i = 0; i < procs * ord.strides(); i++) {
                int j = ord.start(i) * procs + ord.inc(i);
                if (checked[j]) {
                    fail("procs " + procs + ": start value " + i + " repeats pos " + ord.start(i)
                            + " with inc " + ord.inc(i));
                }
                checked[j] = true;
            }
        }
    }

    @Test
    void negativeRandomNumbersAreUnsigned() {
        RandomOrder ord = new RandomOrder(6);
        int r = -7; // cheaprand returns any int
        assertTrue(ord.start(r) >= 0 && ord.start(r) < 6 && (ord.inc(r) == 1 || ord.inc(r) == 5));
    }
}
