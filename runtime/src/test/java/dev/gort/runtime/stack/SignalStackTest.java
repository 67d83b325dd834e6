package dev.gort.runtime.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Signal handlers on gsignal, and canPreemptM's conditions at the prologue. */
class SignalStackTest {
    static final Func H = Func.of("runtime.sighandler", 6);

    static Config sim(long seed) {
        return Config.defaults().gomaxprocs(1).simulated(seed).stderr(new PrintStream(new ByteArrayOutputStream()));
    }

    static void sighandler(int n) {
        int f = Frame.enter(H);
        try {
            if (n > 0) {
                sighandler(n - 1);
            }
        } finally {
            Frame.leave(f);
        }
    }

    @Test
    void aHandlerRunsOnGsignalWithTheInterruptedGoroutineAsCurg() {
        List<Object> seen = new ArrayList<>();
        Gort.boot(sim(1)).run(() -> {
            G user = Gort.getg();
            Switch.sigtramp(() -> {
                G g = Gort.getg();
                seen.add(g == g.m.gsignal);
                seen.add(g.m.curg == user);
                seen.add(Switch.onSystemStack());
                sighandler(100); // 101 frames of 56 bytes fit in 32 KB
                seen.add(g.stackHi - g.stackLo);
                Switch.systemstack(() -> seen.add(Gort.getg() == g)); // already on a system stack
            });
            seen.add(Gort.getg() == user);
        });
        assertThat(seen, equalTo(List.of(true, true, true, 32768L, true, true)));
    }

    @Test
    void aHandlerInterruptingTheSchedulerHasG0Behind() {
        List<Object> seen = new ArrayList<>();
        Gort.boot(sim(1)).run(() -> Switch.systemstack(() -> {
            M mp = Gort.getg().m;
            Switch.sigtramp(() -> seen.add(Gort.getg() == mp.gsignal));
            seen.add(Gort.getg() == mp.g0);
        }));
        assertThat(seen, equalTo(List.of(true, true)));
    }

    @Test
    void gsignalsStackNeverGrows() {
        FatalError e = assertThrows(FatalError.class, () -> Gort.boot(sim(1)).run(
                () -> Switch.sigtramp(() -> sighandler(1000))));
        assertThat(e.getMessage(), equalTo("morestack on gsignal"));
        assertThat(e.output(), startsWith("runtime: morestack on gsignal, stack [0x"));
        assertThat("it died on gsignal, so the report shows the system stack", e.output(),
                containsString("\nruntime stack:\n"));
    }

    @Test
    void aHandlerCannotPanic() {
        FatalError e = assertThrows(FatalError.class, () -> Gort.boot(sim(1)).run(
                () -> Switch.sigtramp(() -> Gort.panic("in a handler"))));
        assertThat(e.getMessage(), equalTo("panic on system stack"));
    }

    /**
     * Go: canPreemptM. A preemption request found at the prologue is put off while the M holds
     * locks, allocates, or has preemption off (the guard is restored, the request kept), and
     * honoured at the first prologue after (the G goes through execute, which clears it).
     */
    @ParameterizedTest
    @ValueSource(strings = {"locks", "mallocing", "preemptoff"})
    void aPreemptionRequestWaitsUntilTheMMayBePreempted(String why) {
        List<String> order = new ArrayList<>();
        Gort.boot(sim(1)).run(() -> {
            G gp = Gort.getg();
            M mp = gp.m;
            switch (why) {
                case "locks" -> mp.locks++;
                case "mallocing" -> mp.mallocing = 1;
                default -> mp.preemptoff = "test";
            }
            gp.preempt = true;
            gp.stackguard0 = Stacks.STACK_PREEMPT; // as sysmon's preemptone does
            oneCall();
            order.add("main went on, guard " + (gp.stackguard0 == gp.stackLo + Stacks.STACK_GUARD ? "restored" : "not restored")
                    + ", preempt " + gp.preempt);
            switch (why) {
                case "locks" -> mp.locks--;
                case "mallocing" -> mp.mallocing = 0;
                default -> mp.preemptoff = null;
            }
            gp.stackguard0 = Stacks.STACK_PREEMPT; // sysmon asks again
            oneCall(); // preempted here: rescheduled, and execute cleared the request
            order.add("then preempted: preempt " + gp.preempt);
        });
        assertThat(order, equalTo(List.of("main went on, guard restored, preempt true",
                "then preempted: preempt false")));
    }

    private static void oneCall() {
        Frame.leave(Frame.enter(H));
    }
}
