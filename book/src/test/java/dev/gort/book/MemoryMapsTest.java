package dev.gort.book;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Chapter 4's figures come from running the runtime, and come out the same every time. */
class MemoryMapsTest {
    static java.util.List<String> names() {
        return MemoryMaps.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void aFigureIsTheSameEveryTimeItIsMade(String name) {
        assertThat(MemoryMaps.svg(name), equalTo(MemoryMaps.svg(name)));
    }

    @Test
    void theAddressSpaceFigureShowsEveryStateAndTheStats() {
        String svg = MemoryMaps.svg("address-space");
        for (String s : new String[] {"None", "Reserved", "Prepared", "Ready"}) {
            assertThat(svg, containsString("<title>" + s + "</title>"));
        }
        assertThat("8 pages mapped", svg, containsString(String.format("%-26s Sys=%3d KB", "sysMap(first 8)", 32)));
        assertThat("freeing reserved pages uncounts nothing; faulted pages stay counted, as in Go", svg,
                containsString(String.format("%-26s Sys=%3d KB", "sysFree(pages 16-23)", 64)));
    }

    @Test
    void theFixallocFigureReusesTheLastFreedFirst() {
        String svg = MemoryMaps.svg("fixalloc-reuse");
        assertThat(svg, containsString("alloc -&gt; #0<"));
        assertThat(svg, containsString("alloc -&gt; #5 (list empty)"));
    }
}
