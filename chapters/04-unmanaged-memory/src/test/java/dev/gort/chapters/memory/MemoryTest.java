package dev.gort.chapters.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.gort.grader.api.Exercise;
import dev.gort.runtime.Gort;
import dev.gort.runtime.mem.MemStats;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.RegionState;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.FixAllocPart;
import dev.gort.runtime.part.LinearAllocPart;
import org.junit.jupiter.api.Test;

/**
 * Chapter 04's visible tests: one small, fast check per exercise, run on your part inside the
 * reference runtime on the simulated OS (seed 1), where every access to memory that is not Ready
 * is a fault with Go's report. {@code ./workbook check 04} runs them; {@code ./workbook grade 04}
 * adds the hidden ones.
 */
class MemoryTest {
    private static final long SEED = 1;

    /** Runs body as the main goroutine of a simulated runtime with only exercise's part yours. */
    private static void run(String exercise, int procs, Runnable body) {
        Gort.boot(Chapter04.config(exercise, procs).simulated(SEED)).run(body);
    }

    @Test
    @Exercise("sysmem")
    void reserveMapUseFreeWalksTheFourStatesWithExactStats() {
        List<Object> seen = new ArrayList<>();
        run("sysmem", 1, () -> {
            Memory mem = Gort.current().mem;
            MemStats before = mem.readMemStats(); // the goroutines' stacks (chapter 02)
            long n = 16 * Os.PAGE_SIZE;
            long v = mem.sysmem.sysReserve(0, n);
            seen.add(mem.space.region(v).state(v));
            seen.add(mem.readMemStats().sys() - before.sys());
            mem.sysmem.sysMap(v, n, mem.heapSys);
            seen.add(mem.space.region(v).state(v));
            seen.add(mem.readMemStats().heapSys());
            mem.sysmem.sysUsed(v, n, n);
            seen.add(mem.space.region(v).state(v));
            mem.space.putLong(v, 42); // must not fault: the page is Ready
            seen.add(mem.readMemStats().mappedReady() - before.mappedReady());
            mem.sysmem.sysFree(v, n, mem.heapSys);
            seen.add(mem.readMemStats().equals(before) ? "as before" : mem.readMemStats());
        });
        long n = 16 * Os.PAGE_SIZE;
        assertThat("sysReserve leaves pages RESERVED, counted nowhere; sysMap makes them PREPARED and"
                + " counts them in the caller's stat; sysUsed makes them READY (mappedReady counts them);"
                + " sysFree returns everything: [state, Sys, state, HeapSys, state, mappedReady, stats], each"
                + " counted from what the runtime held before (its goroutines' stacks)",
                seen, equalTo(List.of(RegionState.RESERVED, 0L, RegionState.PREPARED, n,
                        RegionState.READY, n, "as before")));
    }

    @Test
    @Exercise("persistentalloc")
    void smallAllocationsAreAlignedZeroedAndDisjoint() {
        List<String> problems = new ArrayList<>();
        run("persistentalloc", 2, () -> {
            Memory mem = Gort.current().mem;
            TreeMap<Long, Long> live = new TreeMap<>(); // start -> end of each allocation
            long[] sizes = {1, 24, 100, 8, 4000, 3};
            long[] aligns = {0, 8, 64, 16, 4096, 1};
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    long p = mem.persistent.persistentalloc(sizes[i], aligns[i], mem.gcMiscSys);
                    long align = aligns[i] == 0 ? 8 : aligns[i];
                    if (p % align != 0) {
                        problems.add("persistentalloc(" + sizes[i] + ", " + aligns[i] + ") = 0x"
                                + Long.toHexString(p) + " is not aligned to " + align);
                    }
                    if (mem.space.bytes(p, 1).get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0) != 0) {
                        problems.add("fresh memory at 0x" + Long.toHexString(p) + " is not zero");
                    }
                    var below = live.floorEntry(p);
                    var above = live.ceilingEntry(p);
                    if (below != null && below.getValue() > p || above != null && above.getKey() < p + sizes[i]) {
                        problems.add("0x" + Long.toHexString(p) + " overlaps an earlier allocation");
                    }
                    live.put(p, p + sizes[i]);
                    mem.space.fill(p, sizes[i], (byte) -1); // dirty it: a reuse would not read zero
                }
            }
        });
        assertThat("persistentalloc must align each request (0 means 8), hand out fresh zeroed memory"
                + " and never give the same bytes twice", problems, equalTo(List.of()));
    }

    @Test
    @Exercise("fixalloc")
    void theLastFreedObjectIsTheFirstReusedAndZeroed() {
        long[] got = new long[6];
        run("fixalloc", 1, () -> {
            Memory mem = Gort.current().mem;
            FixAllocPart f = mem.newFixAlloc();
            f.init(64, null, null, mem.mspanSys);
            long a = f.alloc();
            long b = f.alloc();
            mem.space.putLong(b + 8, 99);
            f.free(a);
            f.free(b);
            got[0] = b - a;
            got[1] = f.alloc() - b;
            got[2] = mem.space.getLong(b + 8);
            got[3] = f.alloc() - a;
            got[4] = f.inuse();
            got[5] = f.alloc() - b;
        });
        assertThat("objects are bumped out of a chunk, one size apart", got[0], equalTo(64L));
        assertThat("free pushes on a stack kept in the objects' first words: b, freed last, comes"
                + " back first", got[1], equalTo(0L));
        assertThat("with zero on (the default), a reused object is cleared", got[2], equalTo(0L));
        assertThat("then a", got[3], equalTo(0L));
        assertThat("inuse counts the bytes handed out and not freed", got[4], equalTo(128L));
        assertThat("with the free list empty, the chunk is bumped again, right after b", got[5],
                equalTo(64L));
    }

    @Test
    @Exercise("linearalloc")
    void onlyThePagesHandedOutAreMapped() {
        List<Object> seen = new ArrayList<>();
        run("linearalloc", 1, () -> {
            Memory mem = Gort.current().mem;
            long size = 64 * Os.PAGE_SIZE;
            long base = mem.sysmem.sysReserve(0, size);
            LinearAllocPart l = mem.newLinearAlloc();
            l.init(base, size, true);
            long p = l.alloc(100, 8, mem.gcMiscSys);
            mem.space.putLong(p + 92, 1); // must not fault
            seen.add(p - base);
            seen.add(mem.readMemStats().gcSys());
            long q = l.alloc(Os.PAGE_SIZE, Os.PAGE_SIZE, mem.gcMiscSys);
            seen.add(q - base);
            seen.add(mem.readMemStats().gcSys());
            seen.add(mem.space.region(base).state(base + 2 * Os.PAGE_SIZE));
            seen.add(l.alloc(size, 8, mem.gcMiscSys) == 0);
        });
        assertThat("[first offset, mapped, second offset (page aligned), mapped, the third page,"
                + " too big returns 0]: a linearAlloc maps only up to the page holding its next byte",
                seen, equalTo(List.of(0L, Os.PAGE_SIZE, Os.PAGE_SIZE, 2 * Os.PAGE_SIZE,
                        RegionState.RESERVED, true)));
    }

    @Test
    @Exercise("fixalloc")
    void manyObjectsFillWholeChunks() {
        boolean[] ok = new boolean[1];
        run("fixalloc", 1, () -> {
            Memory mem = Gort.current().mem;
            FixAllocPart f = mem.newFixAlloc();
            f.init(4000, null, null, mem.mcacheSys);
            for (int i = 0; i < 8; i++) {
                f.alloc();
            }
            ok[0] = mem.readMemStats().mCacheSys() == 2 * 16000;
        });
        assertThat("a 16 KB chunk holds 4 objects of 4000 bytes (16000, rounded down to a multiple"
                + " of the size), so 8 objects take 2 chunks counted in mcache_sys", ok[0], is(true));
    }
}
