package dev.gort.solutions.scheduler;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.gort.chapters.scheduler.Chapter01;
import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.P;
import org.junit.jupiter.api.Test;

@Exercise("runq")
class RunqHiddenTest {
    private final Gort rt = Gort.boot(Chapter01.config(1));

    private List<G> gs(int n) {
        List<G> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            G gp = G.malg(rt);
            gp.goid = 1000 + i;
            list.add(gp);
        }
        return list;
    }

    @Test
    @Points(2)
    void fifoForEveryLengthUpToAFullRing() {
        for (int n = 0; n <= 256; n++) {
            P pp = new P(rt, 0);
            List<G> in = gs(n);
            in.forEach(gp -> pp.runq.runqput(gp, false));
            List<G> out = new ArrayList<>();
            for (G gp = pp.runq.runqget(); gp != null; gp = pp.runq.runqget()) {
                out.add(gp);
            }
            assertThat("a queue of " + n + " Gs gives them back in the order they were put", out, equalTo(in));
            assertThat(pp.runq.runqempty(), is(true));
        }
    }

    @Test
    @Points(1)
    void runnextKicksTheOldOneToTheTail() {
        P pp = new P(rt, 0);
        List<G> in = gs(3);
        pp.runq.runqput(in.get(0), false);
        pp.runq.runqput(in.get(1), true);
        pp.runq.runqput(in.get(2), true);
        assertThat(pp.runq.runqget(), is(in.get(2)));
        assertThat("the G taken from runnext inherits the time slice", pp.runq.inheritTime(), is(true));
        assertThat(pp.runq.runqget(), is(in.get(0)));
        assertThat("the old runnext was kicked to the tail", pp.runq.runqget(), is(in.get(1)));
    }

    @Test
    @Points(2)
    void stealTakesHalfRoundedUpAndLosesNothing() {
        for (int n = 1; n <= 256; n++) {
            P victim = new P(rt, 0);
            P thief = new P(rt, 1);
            thief.status.store(P._Prunning);
            victim.status.store(P._Pidle);
            List<G> in = gs(n);
            in.forEach(gp -> victim.runq.runqput(gp, false));
            G first = thief.runq.runqsteal(victim.runq, false);
            int stolen = 1 + thief.runq.size();
            assertThat("stealing from " + n + " Gs takes ceil(n/2)", stolen, equalTo(n - n / 2));
            Set<G> seen = new HashSet<>();
            seen.add(first);
            for (G gp = thief.runq.runqget(); gp != null; gp = thief.runq.runqget()) {
                assertThat("a G is stolen once", seen.add(gp), is(true));
            }
            for (G gp = victim.runq.runqget(); gp != null; gp = victim.runq.runqget()) {
                assertThat("a G is either stolen or left, never both", seen.add(gp), is(true));
            }
            assertThat("no G lost", seen.size(), equalTo(n));
        }
    }
}
