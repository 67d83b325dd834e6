package dev.gort.solutions.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.runtime.Gort;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.part.FixAllocPart;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Exercise fixalloc: reuse order (a property against a model), zero, first, chunks, throws, speed. */
@Exercise("fixalloc")
class FixAllocHiddenTest implements Performance.Tiers {
    private static final String EXERCISE = "fixalloc";

    /**
     * Random allocs and frees against a model: a stack of freed objects in front of a bump pointer.
     * Each alloc must return exactly what the model says, and no two live objects may overlap.
     */
    @Property(tries = 40)
    @Points(4)
    void allocAndFreeFollowTheModel(@ForAll @IntRange(min = 1, max = 6000) int size,
                                    @ForAll @Size(min = 1, max = 200) List<Boolean> allocs) {
        Harness.withMemory(EXERCISE, 1, size, mem -> {
            FixAllocPart f = mem.newFixAlloc();
            f.init(size, null, null, mem.mspanSys);
            long objSize = Math.max(size, 8);
            Deque<Long> free = new ArrayDeque<>();
            List<Long> live = new ArrayList<>();
            var overlap = new PersistentAllocHiddenTest.Live();
            for (boolean alloc : allocs) {
                if (alloc || live.isEmpty()) {
                    long p = f.alloc();
                    if (!free.isEmpty()) {
                        assertThat("alloc must reuse the object freed last (free list = stack)", p,
                                equalTo(free.pop()));
                    } else {
                        overlap.add(p, objSize, "a fresh fixalloc object");
                    }
                    mem.space.fill(p, objSize, (byte) 1);
                    live.add(p);
                } else {
                    long p = live.remove(live.size() - 1 - (live.size() > 2 ? 1 : 0));
                    f.free(p);
                    free.push(p);
                }
                assertThat("inuse = live objects x size", f.inuse(), equalTo(live.size() * objSize));
            }
        });
    }

    @Test
    @Points(2)
    void zeroIsOnByDefaultAndOffKeepsTheOldContents() {
        Harness.withMemory(EXERCISE, 1, 1, mem -> {
            FixAllocPart f = mem.newFixAlloc();
            f.init(32, null, null, mem.otherSys);
            long a = f.alloc();
            mem.space.fill(a, 32, (byte) 7);
            f.free(a);
            assertThat(f.alloc(), equalTo(a));
            assertThat("zero on: a reused object is cleared, its last word too",
                    mem.space.getLong(a + 24), equalTo(0L));
            mem.space.fill(a, 32, (byte) 7);
            f.setZero(false);
            f.free(a);
            assertThat(f.alloc(), equalTo(a));
            assertThat("zero off: everything but the first word survives (Go's spanalloc keeps"
                    + " sweepgen this way)", mem.space.getLong(a + 24), equalTo(0x0707070707070707L));
        });
    }

    @Test
    @Points(1)
    void firstRunsOnceForEachFreshObjectWithItsArg() {
        List<Object> calls = new ArrayList<>();
        Harness.withMemory(EXERCISE, 1, 2, mem -> {
            FixAllocPart f = mem.newFixAlloc();
            Object arg = "allspans";
            f.init(100, (x, p) -> calls.add(x + "@" + p), arg, mem.otherSys);
            long a = f.alloc();
            long b = f.alloc();
            f.free(a);
            f.alloc();
            assertThat("first(arg, p) for a and b only: a reused object is not new",
                    calls, equalTo(List.of("allspans@" + a, "allspans@" + b)));
        });
    }

    @Test
    @Points(1)
    void chunksHoldWholeObjectsOnly() {
        Harness.withMemory(EXERCISE, 1, 3, mem -> {
            FixAllocPart f = mem.newFixAlloc();
            f.init(6000, null, null, mem.mcacheSys); // 2 per chunk: 12000 of 16384 bytes
            for (int i = 0; i < 5; i++) {
                f.alloc();
            }
            assertThat("5 objects of 6000 bytes: 3 chunks of 12000 (16 KB rounded down)",
                    Gort.current().readMemStats().mCacheSys(), equalTo(36000L));
        });
    }

    @Test
    @Points(1)
    void tinyObjectsAreAtLeastALinkWord() {
        Harness.withMemory(EXERCISE, 1, 4, mem -> {
            FixAllocPart f = mem.newFixAlloc();
            f.init(3, null, null, mem.otherSys);
            long a = f.alloc();
            long b = f.alloc();
            assertThat("a free object must hold the list's link: size 3 becomes 8", b - a, equalTo(8L));
        });
    }

    @Test
    @Points(1)
    void reuseStaysWithinOnePool() {
        Harness.withMemory(EXERCISE, 1, 5, mem -> {
            FixAllocPart spans = mem.newFixAlloc();
            FixAllocPart caches = mem.newFixAlloc();
            spans.init(64, null, null, mem.mspanSys);
            caches.init(64, null, null, mem.mcacheSys);
            long s = spans.alloc();
            spans.free(s);
            long c = caches.alloc();
            assertThat("an object freed to one fixalloc is never handed out by another",
                    c == s, equalTo(false));
            assertThat(spans.alloc(), equalTo(s));
        });
    }

    @Test
    @Points(1)
    void allocBeforeInitThrowsGosMessage() {
        var e = Harness.death(EXERCISE, () -> Gort.current().mem.newFixAlloc().alloc());
        assertThat(e.getMessage(), equalTo("runtime: internal error"));
        assertThat(e.output().contains("runtime: use of FixAlloc_Alloc before FixAlloc_Init"), equalTo(true));
    }

    @Test
    @Points(1)
    void tooLargeThrowsGosMessage() {
        var e = Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            mem.newFixAlloc().init(16 * 1024 + 1, null, null, mem.otherSys);
        });
        assertThat(e.getMessage(), equalTo("runtime: fixalloc size too large"));
    }

    @Test
    @Points(1)
    void sixteenKilobytesIsTheLargestSizeAllowed() {
        Harness.withMemory(EXERCISE, 1, 6, mem -> {
            FixAllocPart f = mem.newFixAlloc();
            f.init(16 * 1024, null, null, mem.mcacheSys); // a chunk of exactly one object
            long a = f.alloc();
            long b = f.alloc();
            assertThat("objects of 16 KB (one per chunk) are allowed: only larger sizes throw",
                    Math.abs(b - a) >= 16 * 1024, equalTo(true));
            assertThat("two objects of 16 KB: two chunks of 16 KB",
                    Gort.current().readMemStats().mCacheSys(), equalTo(32L * 1024));
        });
    }

    @Test
    @Points(1)
    void chunksComeWordAlignedFromPersistentalloc() {
        Harness.withMemory(EXERCISE, 1, 8, mem -> {
            mem.persistent.persistentalloc(3, 1, mem.otherSys); // the P's chunk is now at an odd offset
            FixAllocPart f = mem.newFixAlloc();
            f.init(64, null, null, mem.mspanSys);
            long v = f.alloc();
            assertThat(String.format("a fixalloc's chunk comes from persistentalloc with the default"
                    + " alignment (8), so a 64-byte object is word aligned; got 0x%x", v),
                    v % 8, equalTo(0L));
        });
    }

    @Test
    @Points(1)
    void overheadIsNoMoreThanTheReferences() {
        long yours = mapped(Performance.yours(EXERCISE));
        long ref = mapped(Performance.reference());
        assertThat("bytes mapped for 10,000 objects of 200 bytes (reference: " + ref + "): chunks"
                + " must be packed, and freed objects reused before the chunk grows", yours,
                lessThanOrEqualTo(ref));
    }

    private static long mapped(Memory mem) {
        FixAllocPart f = mem.newFixAlloc();
        f.init(200, null, null, mem.mspanSys);
        for (int round = 0; round < 2; round++) {
            long[] ps = new long[10_000];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = f.alloc();
            }
            for (long p : ps) {
                f.free(p);
            }
        }
        return mem.readMemStats().sys();
    }

    @Override
    public Performance.Measure throughput() {
        FixAllocPart yours = pool(Performance.yours(EXERCISE));
        FixAllocPart ref = pool(Performance.reference());
        return new Performance.Measure("fixalloc alloc+free", n -> batch(yours, n), n -> batch(ref, n),
                30_000);
    }

    private static FixAllocPart pool(Memory mem) {
        FixAllocPart f = mem.newFixAlloc();
        f.init(64, null, null, mem.mspanSys);
        return f;
    }

    private static long batch(FixAllocPart f, long n) {
        long t0 = Performance.cpuTime();
        for (long i = 0; i < n; i++) {
            long a = f.alloc();
            long b = f.alloc();
            f.free(a);
            f.free(b);
        }
        return Performance.cpuTime() - t0;
    }
}
