package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code workbook sim}: questions without -c, answers read from the run's trace with it; the
 * book's broken-version-first example (lostwakeup --broken) dies on some seeds, the fix on none.
 */
class SimCommandTest {
    private record Run(int status, String out, String err) {}

    private static Run sim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SimCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void withoutCItAsksAndDoesNotAnswer() {
        Run r = sim("runnext");
        assertThat(r.status(), equalTo(0));
        assertThat(r.out(), containsString("1. In which order do the goroutines start running?"));
        assertThat(r.out(), not(containsString("Answers")));
    }

    @Test
    void runnextShowsTheLastCreatedRunningFirst() {
        Run r = sim("runnext", "--gs", "4", "-c");
        assertThat(r.out(), containsString("Trace ("));
        assertThat(r.out(), containsString("2. the first to run is G5: a new goroutine goes to runnext"));
    }

    @Test
    void theBrokenWaiterDiesOnSomeSeedsAndTheFixedOneOnNone() {
        String broken = sim("lostwakeup", "--broken", "--seeds", "30").out();
        assertThat(broken, matchesPattern("(?s).*\n  seed \\d+: the runtime died: bad g->status in ready\n.*"));
        assertThat(broken, not(containsString("\n0 of 30 seeds died")));
        assertThat(sim("lostwakeup", "--seeds", "30").out(), containsString("\n0 of 30 seeds died"));
    }

    @Test
    void anUnknownProblemIsNamedWithTheChoices() {
        Run r = sim("nosuch");
        assertThat(r.status(), equalTo(2));
        assertThat(r.err(), containsString("no problem named 'nosuch'. Expected one of: runnext, steal, handoff, lostwakeup."));
    }
}
