package dev.gort.book;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Chapter 5's figures come from running the collector, and come out the same every time. */
class HeapMapsTest {
    static java.util.List<String> names() {
        return HeapMaps.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void aFigureIsTheSameEveryTimeItIsMade(String name) {
        assertThat(HeapMaps.svg(name), equalTo(HeapMaps.svg(name)));
    }

    @Test
    void theHeapFigureShowsEverySpanState() {
        String svg = HeapMaps.svg("heap-spans");
        for (String s : new String[] {"free, never used (zero)", "free, used before", "in use, needzero=0",
                "in use, needzero=1"}) {
            assertThat(svg, containsString("<title>" + s + "</title>"));
        }
    }

    @Test
    void onlyTheRunWithoutTheBarrierLosesTheObject() {
        String svg = HeapMaps.svg("lost-object");
        int freed = svg.split("<title>freed while reachable</title>", -1).length - 1;
        assertThat("one cell: target, after the sweep of the run without the barrier", freed, equalTo(1));
        assertThat(svg, containsString("no barrier: after sweep"));
    }
}
