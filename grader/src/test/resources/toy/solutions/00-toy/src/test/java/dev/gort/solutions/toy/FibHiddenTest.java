package dev.gort.solutions.toy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gort.chapters.toy.Chapter00;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@Exercise("fib")
@Points(2)
class FibHiddenTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "2, 1", "20, 6765"})
    void smallValues(int n, long expected) {
        assertThat("fib(" + n + ")", Chapter00.adder().fib(n), is(expected));
    }

    @Test
    void ninetyIsFast() {
        // The only test that uses name(): HiddenLeakTest deletes it to break just the hidden suite.
        var adder = Chapter00.adder();
        assertThat(adder.name() + ".fib(90)", adder.fib(90), is(2880067194370816120L));
    }
}
