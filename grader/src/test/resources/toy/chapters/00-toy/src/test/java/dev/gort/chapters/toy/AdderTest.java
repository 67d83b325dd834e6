package dev.gort.chapters.toy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import org.junit.jupiter.api.Test;

@Points(1)
class AdderTest {
    @Test
    @Exercise("add")
    void addsTwoNumbers() {
        assertThat("add(2, 3) should be 2 + 3", Chapter00.adder().add(2, 3), is(5));
    }

    @Test
    @Exercise("fib")
    void fibOfTenIs55() {
        assertThat("fib(10): 0 1 1 2 3 5 8 13 21 34 55", Chapter00.adder().fib(10), is(55L));
    }

    @Test
    @Exercise("sum")
    void sumsWithTwoThreads() throws Exception {
        assertThat("1 + 2 + 3 + 4 + 5 with 2 threads", Chapter00.adder().sumAll(List.of(1, 2, 3, 4, 5), 2),
                is(15L));
    }
}
