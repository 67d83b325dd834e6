package dev.gort.solutions.toy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import dev.gort.chapters.toy.Chapter00;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import org.junit.jupiter.api.Test;

@Exercise("add")
class AddHiddenTest {
    @Test
    @Points(1)
    void addsNegatives() {
        assertThat("add(-2, -3)", Chapter00.adder().add(-2, -3), is(-5));
    }

    @Test
    @Points(1)
    void overflowWrapsAround() {
        assertThat("add(MAX_VALUE, 1) wraps, as Java's int does", Chapter00.adder().add(Integer.MAX_VALUE, 1),
                is(Integer.MIN_VALUE));
    }
}
