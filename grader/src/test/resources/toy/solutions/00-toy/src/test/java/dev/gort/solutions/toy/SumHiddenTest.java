package dev.gort.solutions.toy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.gort.chapters.toy.Chapter00;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import org.junit.jupiter.api.Test;

@Exercise("sum")
class SumHiddenTest {
    @Test
    @Points(2)
    void exactForManySeeds() {
        Seeds.sweep(1, 20, seed -> {
            var rnd = new Random(seed);
            int threads = 1 + rnd.nextInt(5);
            List<Integer> values = new ArrayList<>();
            long expected = 0;
            for (int i = rnd.nextInt(50); i > 0; i--) {
                int v = rnd.nextInt(1000);
                values.add(v);
                expected += v;
            }
            assertThat("sum of " + values.size() + " values with " + threads + " threads",
                    Chapter00.adder().sumAll(values, threads), is(expected));
        });
    }
}
