package dev.gort.solutions.stacks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.part.StackAllocPart;
import org.junit.jupiter.api.Test;

/** Exercise stackalloc: orders, the per-P cache, spans, large stacks, counts, and Go's TestStackCache. */
@Exercise("stackalloc")
class StackAllocHiddenTest {
    private static final String EXERCISE = "stackalloc";

    /** Live stacks by address, to catch two live stacks sharing a byte. */
    static final class Live {
        private final TreeMap<Long, Long> live = new TreeMap<>();

        void add(long lo, long n) {
            var below = live.floorEntry(lo + n - 1);
            if (below != null && below.getKey() + below.getValue() > lo) {
                throw new AssertionError("stack [0x" + Long.toHexString(lo) + ", +" + n + ") overlaps the live"
                        + " stack [0x" + Long.toHexString(below.getKey()) + ", +" + below.getValue() + ")");
            }
            live.put(lo, n);
        }

        void remove(long lo) {
            live.remove(lo);
        }
    }

    @Test
    @Points(3)
    void randomAllocsAndFreesOfEveryOrderNeverOverlapAndCountInuse() {
        Seeds.sweep(1, 5, seed -> Harness.run(Harness.sim(EXERCISE, 1, seed), () -> {
            StackAllocPart a = Gort.current().stackalloc;
            long base = a.inuse();
            SplittableRandom r = new SplittableRandom(seed);
            Live live = new Live();
            List<long[]> held = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < 400; i++) {
                if (held.isEmpty() || r.nextInt(3) != 0) {
                    long n = 2048L << r.nextInt(6); // 2 KB .. 64 KB: small orders and large
                    long lo = a.stackalloc(n);
                    live.add(lo, n);
                    Gort.current().mem.space.fill(lo, n, (byte) 0x5a); // the whole stack is usable
                    held.add(new long[] {lo, n});
                    bytes += n;
                } else {
                    long[] s = held.remove(r.nextInt(held.size()));
                    a.stackfree(s[0], s[1]);
                    live.remove(s[0]);
                    bytes -= s[1];
                }
                assertThat("inuse is the bytes of the stacks handed out and not freed", a.inuse() - base,
                        equalTo(bytes));
            }
        }));
    }

    @Test
    @Points(2)
    void theCacheRefillsAndReleasesInBatchesFromOneSpan() {
        List<Long> seen = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 1, 1), () -> {
            Gort rt = Gort.current();
            StackAllocPart a = rt.stackalloc;
            long sys = rt.readMemStats().stackSys();
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) { // 8 x 4 KB: one 32 KB span, carved in two refills
                got.add(a.stackalloc(4096));
            }
            seen.add(rt.readMemStats().stackSys() - sys);
            got.add(a.stackalloc(4096)); // a ninth needs a second span
            seen.add(rt.readMemStats().stackSys() - sys);
            for (long lo : got) {
                a.stackfree(lo, 4096);
            }
            for (int i = 0; i < 9; i++) {
                a.stackalloc(4096);
            }
            seen.add(rt.readMemStats().stackSys() - sys);
        });
        assertThat("[8 x 4 KB fit one 32 KB span; a ninth takes a second; freed stacks are reused, no"
                + " third span]", seen, equalTo(List.of(32768L, 65536L, 65536L)));
    }

    @Test
    @Points(1)
    void aSizeThatIsNotAPowerOfTwoIsGosThrow() {
        FatalError e = Harness.death(Harness.config(EXERCISE, 1),
                () -> Gort.current().stackalloc.stackalloc(3000));
        assertThat(e.getMessage(), equalTo("stack size not a power of 2"));
    }

    @Test
    @Points(1)
    void largeStacksGoBackToTheOs() {
        long[] sys = new long[2];
        Harness.run(Harness.sim(EXERCISE, 1, 2), () -> {
            Gort rt = Gort.current();
            sys[0] = rt.readMemStats().stackSys();
            long lo = rt.stackalloc.stackalloc(1 << 20);
            rt.mem.space.fill(lo, 1 << 20, (byte) 1);
            rt.stackalloc.stackfree(lo, 1 << 20);
            sys[1] = rt.readMemStats().stackSys();
        });
        assertThat("a 1 MB stack is sysAlloc'd and sysFree'd: stacks_sys as before", sys[1], equalTo(sys[0]));
    }

    /**
     * Go: TestStackCache. Goroutines on four Ps grow and free stacks of every order at once (each P's
     * cache refilling and releasing against the shared pool); no two live stacks may overlap and the
     * memory must stay bounded.
     */
    @Test
    @Points(3)
    void stackCacheUnderFourPs() {
        Seeds.sweep(1, 8, seed -> {
            long[] sys = new long[2];
            Harness.run(Harness.sim(EXERCISE, 4, seed), () -> {
                Gort rt = Gort.current();
                for (int round = 0; round < 2; round++) {
                    Sema done = new Sema();
                    for (int w = 0; w < 16; w++) {
                        int depth = 20 + 40 * (w % 4);
                        Gort.go(() -> {
                            Harness.grow(0, depth, () -> { });
                            Sema.semrelease(done);
                        });
                    }
                    for (int w = 0; w < 16; w++) {
                        Sema.semacquire(done);
                    }
                    sys[round] = rt.readMemStats().stackSys();
                }
            });
            assertThat("the second round reuses the first round's stacks", sys[1], lessThanOrEqualTo(2 * sys[0]));
        });
    }
}
