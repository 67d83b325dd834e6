package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.trace.TraceEvent;
import dev.gort.runtime.trace.Tracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The execution tracer records what the scheduler did and exports it for Perfetto. */
class TraceTest {

    private static Gort traced(int procs) {
        return Gort.boot(Config.defaults().gomaxprocs(procs).tracing(true).stderr(Goroutines.quiet()));
    }

    @Test
    void recordsTheLifeOfAGoroutine() {
        Gort rt = traced(1);
        long[] child = new long[1];
        Goroutines.run(rt, () -> {
            Sema s = new Sema();
            Gort.go(() -> {
                child[0] = Gort.getg().goid(); // not always 2: goids come in per-P batches
                Sema.semrelease(s);
            });
            Sema.semacquire(s);
            Gort.syscall(() -> { });
        });
        List<TraceEvent> ev = rt.tracer().events();
        List<String> g2 = ev.stream().filter(e -> e.g() == child[0]).map(TraceEvent::typeName).collect(Collectors.toList());
        assertThat(g2, equalTo(List.of("GoCreate", "GoStart", "GoEnd")));
        List<String> g1 = ev.stream().filter(e -> e.g() == 1).map(TraceEvent::typeName).collect(Collectors.toList());
        assertThat("main parks, the child's send readies it, then it makes a system call",
                g1, hasItems("GoPark", "GoUnpark", "GoSyscall", "GoSysExit"));
        TraceEvent park = ev.stream().filter(e -> e.type() == Tracer.GO_PARK).findFirst().orElseThrow();
        assertThat(WaitReason.values()[(int) park.arg()], equalTo(WaitReason.SEMACQUIRE));
    }

    @Test
    void offRecordsNothing() {
        Gort rt = Goroutines.boot(1);
        Goroutines.run(rt, () -> Gort.go(() -> { }));
        assertThat(rt.tracer().events(), empty());
    }

    @Test
    void keepsAtMostTheLimitAndCountsTheRest() {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(1).tracing(true).traceLimit(10).stderr(Goroutines.quiet()));
        Goroutines.run(rt, () -> {
            for (int i = 0; i < 100; i++) {
                Gort.go(() -> { });
            }
        });
        assertThat(rt.tracer().events().size(), equalTo(10));
        assertThat(rt.tracer().dropped() > 90, equalTo(true));
    }

    @Test
    void exportsChromeTraceJson(@TempDir Path dir) throws Exception {
        Gort rt = traced(2);
        long[] child = new long[1];
        Goroutines.run(rt, () -> {
            Sema s = new Sema();
            Gort.go(() -> {
                child[0] = Gort.getg().goid(); // not always 2: goids come in per-P batches
                Sema.semrelease(s);
            });
            Sema.semacquire(s);
        });
        Path file = dir.resolve("sub/trace.json");
        rt.tracer().writeChromeJson(file);
        String json = Files.readString(file);
        assertThat(json, startsWith("{\"displayTimeUnit\":\"ns\""));
        assertThat(json, containsString("\"name\":\"G" + child[0] + "\""));
        assertThat(json, containsString("\"name\":\"process_name\",\"args\":{\"name\":\"Ps (processors)\"}"));
        assertThat("balanced braces", count(json, '{'), equalTo(count(json, '}')));
        assertThat("balanced brackets", count(json, '['), equalTo(count(json, ']')));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
