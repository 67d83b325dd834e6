package dev.gort.solutions.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.mem.MemStats;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.SysMemStat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Exercise persistentalloc: alignment, chunks, no overlap (a property), many Ps, stats, throws. */
@Exercise("persistentalloc")
class PersistentAllocHiddenTest implements Performance.Tiers {
    private static final String EXERCISE = "persistentalloc";
    private static final long CHUNK = 256 << 10;

    /** Allocations [start, end) so far; adding one that overlaps another fails with both. */
    static final class Live {
        private final TreeMap<Long, Long> ranges = new TreeMap<>();

        void add(long p, long size, String what) {
            var below = ranges.floorEntry(p);
            var above = ranges.ceilingEntry(p);
            if (below != null && below.getValue() > p || above != null && above.getKey() < p + size) {
                throw new AssertionError(String.format("%s = [0x%x, 0x%x) overlaps a live allocation:"
                        + " two callers would share bytes", what, p, p + size));
            }
            ranges.put(p, p + size);
        }
    }

    @Property(tries = 25)
    @Points(3)
    void noTwoAllocationsOverlapAndEachIsAligned(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 1, max = 70_000) Integer> sizes,
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Harness.withMemory(EXERCISE, 2, seed, mem -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            Live live = new Live();
            for (int size : sizes) {
                long align = rnd.nextInt(4) == 0 ? 0 : 1L << rnd.nextInt(14);
                long p = mem.persistent.persistentalloc(size, align, mem.gcMiscSys);
                long want = align == 0 ? 8 : align;
                if (size >= 64 << 10) {
                    want = Math.min(want, 4096); // straight from sysAlloc: OS page aligned, as in Go
                }
                String what = "persistentalloc(" + size + ", " + align + ")";
                assertThat(what + " must be aligned to " + want, p % want, equalTo(0L));
                live.add(p, size, what);
                MemorySegment bytes = mem.space.bytes(p, size);
                for (long i = 0; i < size; i += 997) {
                    assertThat(what + ": persistentalloc memory is fresh, so zero",
                            bytes.get(ValueLayout.JAVA_BYTE, i), equalTo((byte) 0));
                }
                mem.space.fill(p, size, (byte) 0x5a);
            }
        });
    }

    @Test
    @Points(2)
    void chunkEdgesExactFitThenANewChunk() {
        Harness.withMemory(EXERCISE, 1, 2, mem -> {
            long a = mem.persistent.persistentalloc(8, 0, mem.otherSys);
            long base = a - 8;
            assertThat("the first object follows the chunk's link word (0: the first chunk)",
                    mem.space.getLong(base), equalTo(0L));
            for (int i = 0; i < 4; i++) { // 4 x 65532 bytes fill the chunk to its last byte
                long p = mem.persistent.persistentalloc(65532, 4, mem.otherSys);
                assertThat("bumped without a gap", p, equalTo(base + 16 + i * 65532L));
            }
            long stacks = mem.readMemStats().stackSys(); // the goroutines' stacks, counted apart
            assertThat("one chunk so far", mem.readMemStats().sys() - stacks, equalTo(CHUNK));
            long c = mem.persistent.persistentalloc(8, 0, mem.otherSys);
            assertThat("a full chunk: the next request opens a new one", mem.readMemStats().sys() - stacks,
                    equalTo(2 * CHUNK));
            assertThat("whose first word links the previous chunk (persistentChunks)",
                    mem.space.getLong(c - 8), equalTo(base));
            assertThat(mem.persistent.inPersistentAlloc(c), is(true));
            assertThat("a chunk's first byte is in it", mem.persistent.inPersistentAlloc(base), is(true));
            assertThat(mem.persistent.inPersistentAlloc(base + CHUNK - 1), is(true));
        });
    }

    @Test
    @Points(1)
    void sixtyFourKilobytesAndUpComeStraightFromSysAlloc() {
        Harness.withMemory(EXERCISE, 1, 3, mem -> {
            long small = mem.persistent.persistentalloc((64 << 10) - 1, 0, mem.gcMiscSys);
            long big = mem.persistent.persistentalloc(64 << 10, 0, mem.gcMiscSys);
            assertThat("64 KB - 1 comes from a chunk", mem.persistent.inPersistentAlloc(small), is(true));
            assertThat("64 KB is its own sysAlloc, not in any chunk", mem.persistent.inPersistentAlloc(big),
                    is(false));
            assertThat(big % 4096, equalTo(0L));
        });
    }

    @Test
    @Points(2)
    void statisticsMoveFromOtherSysToTheCallersStat() {
        Harness.withMemory(EXERCISE, 1, 4, mem -> {
            mem.persistent.persistentalloc(100, 0, mem.buckhashSys);
            mem.persistent.persistentalloc(28, 0, mem.mspanSys);
            MemStats s = mem.readMemStats();
            assertThat("what was handed out counts where the caller said", s.buckHashSys(), equalTo(100L));
            assertThat(s.mSpanSys(), equalTo(28L));
            assertThat("the rest of the chunk stays in other_sys", s.otherSys(), equalTo(CHUNK - 128));
            assertThat("nothing counted twice: Sys is the chunk (and the goroutines' stacks)",
                    s.sys() - s.stackSys(), equalTo(CHUNK));
        });
    }

    @Test
    @Points(3)
    void manyPsAllocatingAtOnceNeverShareBytes() {
        Seeds.sweep(1, 10, seed -> {
            List<long[]> got = onFourGs(seed, 40, (mem, g, i) -> {
                long size = 8 + (g * 40 + i) % 5 * 1000;
                long p = mem.persistent.persistentalloc(size, 0, mem.gcMiscSys);
                Gort.gosched();
                return new long[] {p, size};
            }, (mem, all) -> { });
            Live live = new Live();
            for (long[] a : got) {
                live.add(a[0], a[1], "an allocation by one of 4 Ps");
            }
        });
    }

    /**
     * Ps that open chunks at the same time push them on persistentChunks concurrently: each push
     * is a compare-and-swap, so none is lost, and inPersistentAlloc finds every allocation.
     */
    @Test
    @Points(1)
    void chunksOpenedByManyPsAtOnceAreAllOnTheChunkList() {
        // A lost push needs two Ps to open chunks within a few steps of each other: 20 seeds.
        Seeds.sweep(1, 20, seed -> onFourGs(seed, 24, (mem, g, i) -> {
            // 6 to a chunk: a new chunk every 6th call
            return new long[] {mem.persistent.persistentalloc(40_000, 0, mem.gcMiscSys), 40_000};
        }, (mem, all) -> {
            for (long[] a : all) {
                assertThat(String.format("inPersistentAlloc(0x%x): its chunk was pushed on"
                        + " persistentChunks while another P pushed one, and is missing from the"
                        + " list (the push must be a compare-and-swap)", a[0]),
                        mem.persistent.inPersistentAlloc(a[0]), is(true));
            }
        }));
    }

    /**
     * Ms without a P (in system calls) share the global chunk: the lock must cover the whole bump,
     * so that no two of them are handed the same bytes.
     */
    @Test
    @Points(1)
    void msWithoutAPNeverShareBytesOfTheGlobalChunk() {
        long size = 20_000; // 13 to a chunk: often a new one, taken under the lock
        // Shared bytes need an M woken by the unlock to run before its waker bumps: 20 seeds.
        Seeds.sweep(1, 20, seed -> {
            List<long[]> got = onFourGs(seed, 40, (mem, g, i) -> {
                long[] p = new long[1];
                Gort.syscall(() -> p[0] = mem.persistent.persistentalloc(size, 0, mem.gcMiscSys));
                return new long[] {p[0], size};
            }, (mem, all) -> { });
            Live live = new Live();
            for (long[] a : got) {
                live.add(a[0], a[1], "an allocation by an M in a system call (the global chunk)");
            }
        });
    }

    /** One allocation by goroutine g, its i-th: {address, size}. */
    @FunctionalInterface
    interface Alloc {
        long[] run(Memory mem, int g, int i);
    }

    /** What main checks once the goroutines are done, inside the runtime. */
    @FunctionalInterface
    interface After {
        void check(Memory mem, List<long[]> all);
    }

    /**
     * Four goroutines of a 4-P simulated runtime (this seed) each make n allocations at once; main
     * waits for them, runs after, and every {address, size} is returned.
     */
    private static List<long[]> onFourGs(long seed, int n, Alloc alloc, After after) {
        List<long[]> got = new ArrayList<>();
        Harness.run(Harness.sim(EXERCISE, 4, seed), () -> {
            Memory mem = Gort.current().mem;
            Sema done = new Sema();
            for (int w = 0; w < 4; w++) {
                int g = w;
                Gort.go(() -> {
                    for (int i = 0; i < n; i++) {
                        long[] a = alloc.run(mem, g, i);
                        synchronized (got) {
                            got.add(a);
                        }
                    }
                    Sema.semrelease(done);
                });
            }
            for (int w = 0; w < 4; w++) {
                Sema.semacquire(done);
            }
            after.check(mem, got);
        });
        return got;
    }

    @Test
    @Points(1)
    void theThrowsAreGos() {
        assertThat(Harness.death(EXERCISE, () -> alloc(0, 8)).getMessage(),
                equalTo("persistentalloc: size == 0"));
        assertThat(Harness.death(EXERCISE, () -> alloc(8, 12)).getMessage(),
                equalTo("persistentalloc: align is not a power of 2"));
        assertThat(Harness.death(EXERCISE, () -> alloc(8, 16384)).getMessage(),
                equalTo("persistentalloc: align is too large"));
    }

    @Test
    @Points(1)
    void noMemoryForAChunkThrows() {
        var e = Harness.death(Harness.limited(EXERCISE, 128 << 10), () -> alloc(64, 8));
        assertThat("sysAlloc of a 256 KB chunk failed", e.getMessage(),
                equalTo("runtime: cannot allocate memory"));
    }

    /**
     * An M without a P (here: in a system call) takes the global chunk, under its lock; the P's own
     * chunk goes on where it left off.
     */
    @Test
    @Points(1)
    void withoutAPTheGlobalChunkServesAndThePsChunkIsUntouched() {
        Harness.withMemory(EXERCISE, 1, 7, mem -> {
            long a = mem.persistent.persistentalloc(64, 0, mem.otherSys);
            long[] b = new long[1];
            Gort.syscall(() -> b[0] = mem.persistent.persistentalloc(64, 0, mem.otherSys));
            long c = mem.persistent.persistentalloc(64, 0, mem.otherSys);
            assertThat("the P's chunk goes on right after its last allocation", c, equalTo(a + 64));
            long base = a - 8; // the P's first chunk: its link word, then a
            assertThat("an allocation without a P comes from another chunk (the global one)",
                    b[0] < base || b[0] >= base + CHUNK, is(true));
        });
    }

    private static void alloc(long size, long align) {
        Memory mem = Gort.current().mem;
        mem.persistent.persistentalloc(size, align, mem.otherSys);
    }

    @Override
    public Performance.Measure throughput() {
        Memory yours = Performance.yours(EXERCISE);
        Memory ref = Performance.reference();
        return new Performance.Measure("persistentalloc of 64 bytes", n -> batch(yours, n),
                n -> batch(ref, n), 20_000);
    }

    private static long batch(Memory mem, long n) {
        SysMemStat stat = mem.gcMiscSys;
        long t0 = Performance.cpuTime();
        for (long i = 0; i < n; i++) {
            mem.persistent.persistentalloc(64, 0, stat);
        }
        return Performance.cpuTime() - t0;
    }
}
