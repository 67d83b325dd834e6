package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.gc.Gc;
import org.junit.jupiter.api.Test;

/** GOTRACEBACK's parsing and which goroutines count as the runtime's own. */
class TracebackTest {
    @Test
    void levelsParseAsGoSetsThem() {
        assertThat(Traceback.parse("none"), equalTo(0));
        assertThat(Traceback.parse(""), equalTo(1 << Traceback.SHIFT));
        assertThat(Traceback.parse("single"), equalTo(1 << Traceback.SHIFT));
        assertThat(Traceback.parse("all"), equalTo(1 << Traceback.SHIFT | Traceback.ALL));
        assertThat(Traceback.parse("system"), equalTo(2 << Traceback.SHIFT | Traceback.ALL));
        assertThat(Traceback.parse("crash"), equalTo(2 << Traceback.SHIFT | Traceback.ALL | Traceback.CRASH));
        assertThat("a number is that level with all goroutines", Traceback.parse("2"),
                equalTo(2 << Traceback.SHIFT | Traceback.ALL));
        assertThat("anything else is level 0 with all", Traceback.parse("verbose"), equalTo(Traceback.ALL));
    }

    @Test
    void aGoroutineStartedByRuntimeCodeIsASystemGoroutine() {
        Gort rt = Goroutines.boot(1);
        G gp = G.malg(rt);
        gp.startfn = Gc.class;
        assertThat(Traceback.isSystemGoroutine(gp), equalTo(true));
        gp.startfn = TracebackTest.class;
        assertThat("test code lives in the runtime's packages but is not the runtime",
                Traceback.isSystemGoroutine(gp), equalTo(false));
        assertThat(Traceback.isRuntime(Gort.class.getName()), equalTo(true));
        assertThat(Traceback.isRuntime(TracebackTest.class.getName()), equalTo(false));
    }
}
