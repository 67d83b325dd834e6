package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.sched.Proc;
import org.junit.jupiter.api.Test;

/** Checked locks: Go's lock ranks, "lock ordering problem", owners and assertLockHeld. */
class LockRankTest {

    @Test
    void locksAreCheckedInTestsAndOnTheSimulatedOs() {
        assertThat("Surefire runs with assertions on", Config.defaults().checkLocks(), is(true));
        assertThat(Config.defaults().simulated(1).checkLocks(), is(true));
        assertThat(Config.defaults().checkLocks(false).checkLocks(), is(false));
    }

    /** Go's lockrank_on.go init: the partial order fits within the total order. */
    @Test
    void everyRankMayFollowOnlyLowerRanks() {
        for (LockRank r : LockRank.values()) {
            for (LockRank before : r.mayFollow()) {
                assertThat(before + " before " + r, before.ordinal(), lessThan(r.ordinal()));
            }
        }
    }

    @Test
    void takingSchedAfterAllgIsALockOrderingProblemReportedAsGoPrintsIt() {
        FatalError e = Goroutines.death(1, () -> {
            Mutex allg = new Mutex(LockRank.ALLG, "test.allg");
            Mutex sched = new Mutex(LockRank.SCHED, "test.sched");
            Mutex.lock(allg);
            Mutex.lock(sched);
        });
        assertThat(e.getMessage(), equalTo("lock ordering problem"));
        assertThat(e.output(), matchesPattern("(?s)\\d+  ======\n0 : allg 4 test.allg\n1 : sched 3 test.sched\n"
                + "fatal error: lock ordering problem\n.*"));
    }

    @Test
    void locksInRankOrderAndALeafLastAreFine() {
        Goroutines.run(1, () -> {
            Mutex sched = new Mutex(LockRank.SCHED, "test.sched");
            Mutex allg = new Mutex(LockRank.ALLG, "test.allg");
            Mutex leaf = new Mutex();
            Mutex.lock(sched);
            Mutex.lock(allg);
            Mutex.lock(leaf);
            Mutex.unlock(allg); // not the last one taken: Go allows any release order
            Mutex.unlock(leaf);
            Mutex.unlock(sched);
        });
    }

    @Test
    void twoLeafLocksAtOnceAreALockOrderingProblem() {
        FatalError e = Goroutines.death(1, () -> {
            Mutex.lock(new Mutex());
            Mutex.lock(new Mutex());
        });
        assertThat(e.getMessage(), equalTo("lock ordering problem"));
        assertThat(e.output(), containsString("0 : LEAF 1000 mutex (LEAF)\n1 : LEAF 1000 mutex (LEAF)\n"));
    }

    @Test
    void aSchedLockRequirementWithoutTheLockDies() {
        FatalError e = Goroutines.death(1, () -> Proc.pidleget(Gort.current().sched));
        assertThat(e.getMessage(), equalTo("not holding required lock!"));
        assertThat(e.output(), containsString("caller requires lock sched.lock (rank sched), holding:\n<none>\n"));
    }

    @Test
    void aSchedLockRequirementWithTheLockPasses() {
        Goroutines.run(1, () -> {
            var sched = Gort.current().sched;
            Mutex.lock(sched.lock);
            Proc.pidleget(sched);
            Mutex.unlock(sched.lock);
        });
    }

    @Test
    void theOwnerIsRecorded() {
        Goroutines.run(1, () -> {
            Mutex l = new Mutex();
            Mutex.lock(l);
            assertThat(l.owner(), is(Gort.getg().m));
            Mutex.unlock(l);
            assertThat(l.owner(), is((Object) null));
        });
    }

    /** One goroutine holds a mutex; a goroutine on another M unlocks it. */
    @Test
    void unlockingAnotherMsLockDies() {
        FatalError e = assertThrows(FatalError.class, () -> Simulated.boot(2, 1).run(() -> {
            Mutex l = new Mutex(LockRank.ROOT, "test.root");
            Uint32 held = new Uint32();
            Gort.go(() -> {
                Mutex.lock(l);
                held.store(1);
                while (held.load() != 2) {
                    // keep it until the other goroutine has tried
                }
            });
            while (held.load() != 1) {
                Gort.current().os.osyield();
            }
            Mutex.unlock(l);
        }));
        assertThat(e.getMessage(), equalTo("unlock without matching lock acquire"));
        assertThat(e.output(), containsString(": root 7 test.root (held by M"));
    }

    @Test
    void theBookTableListsEveryRankInOrder() {
        String table = LockRank.asciidocTable();
        assertThat(table, containsString("| 3 | `sched` | `testR`\n"));
        assertThat(table, containsString("| 4 | `allg` | `testR`, `sched`\n"));
        assertThat(table, containsString("| 7 | `root` | no other lock\n"));
        assertThat(table, containsString("| 1000 | `LEAF` | any ranked lock (never another leaf)\n"));
    }
}
