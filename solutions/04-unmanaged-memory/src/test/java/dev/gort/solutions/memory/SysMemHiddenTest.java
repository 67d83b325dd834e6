package dev.gort.solutions.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.grader.api.Seeds;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.mem.MemStats;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.Region;
import dev.gort.runtime.mem.RegionState;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.os.SimOs;
import org.junit.jupiter.api.Test;

/** Exercise sysmem: the region states, exact statistics, faults, Go's throws. */
@Exercise("sysmem")
class SysMemHiddenTest {
    private static final String EXERCISE = "sysmem";
    private static final long PAGE = Os.PAGE_SIZE;

    /**
     * A random walk of the sysAlloc family over a few ranges, the same on your runtime and on the
     * reference one (same seed): afterwards the page states and the statistics must agree.
     */
    private static List<Object> walk(Memory mem, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<long[]> held = new ArrayList<>(); // {base, pages, kind}: kind 0 alloc, 1 reserve
        List<Object> trace = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            int op = rnd.nextInt(6);
            if (held.isEmpty() || op == 0) {
                long pages = 1 + rnd.nextInt(8);
                boolean reserve = rnd.nextBoolean();
                long v = reserve ? mem.sysmem.sysReserve(0, pages * PAGE)
                        : mem.sysmem.sysAlloc(pages * PAGE - rnd.nextInt(100), mem.otherSys);
                held.add(new long[] {v, pages, reserve ? 1 : 0});
                continue;
            }
            long[] h = held.get(rnd.nextInt(held.size()));
            long first = rnd.nextInt((int) h[1]);
            long n = (1 + rnd.nextInt((int) (h[1] - first))) * PAGE;
            long v = h[0] + first * PAGE;
            Region r = mem.space.region(v);
            switch (op) {
                case 1 -> {
                    if (r.bytesIn(v, n, RegionState.RESERVED) == n) {
                        mem.sysmem.sysMap(v, n, mem.heapSys);
                    }
                }
                case 2 -> {
                    long prepared = r.bytesIn(v, n, RegionState.PREPARED);
                    if (prepared + r.bytesIn(v, n, RegionState.READY) == n) {
                        mem.sysmem.sysUsed(v, n, prepared);
                    }
                }
                case 3 -> {
                    if (r.bytesIn(v, n, RegionState.READY) == n) {
                        mem.space.putLong(v, step);
                        mem.sysmem.sysUnused(v, n);
                    }
                }
                case 4 -> {
                    mem.sysmem.sysFree(h[0], h[1] * PAGE, h[2] == 0 ? mem.otherSys : mem.heapSys);
                    held.remove(h);
                }
                default -> {
                    for (long a = h[0]; a < h[0] + h[1] * PAGE; a += PAGE) {
                        trace.add(mem.space.region(a).state(a));
                    }
                }
            }
        }
        for (long[] h : held) {
            for (long a = h[0]; a < h[0] + h[1] * PAGE; a += PAGE) {
                trace.add(mem.space.region(a).state(a));
            }
        }
        trace.add(mem.readMemStats());
        return trace;
    }

    @Test
    @Points(4)
    void randomWalksMatchTheReferenceOverSeeds() {
        Seeds.sweep(1, 12, seed -> {
            List<Object> yours = new ArrayList<>();
            List<Object> ref = new ArrayList<>();
            Harness.withMemory(EXERCISE, 1, seed, mem -> yours.addAll(walk(mem, seed)));
            Harness.run(Harness.reference(1, seed), () -> ref.addAll(walk(Gort.current().mem, seed)));
            assertThat("page states seen during the walk, then MemStats: each call must move exactly its"
                    + " pages to its target state and count Prepared+Ready bytes in the stat and Ready"
                    + " bytes in mappedReady", yours, equalTo(ref));
        });
    }

    @Test
    @Points(3)
    void theStatisticsAreWhatIsMapped() {
        Seeds.sweep(20, 8, seed -> Harness.withMemory(EXERCISE, 1, seed, mem -> {
            walk(mem, seed);
            MemStats s = mem.readMemStats();
            long prepared = mem.space.bytesIn(RegionState.PREPARED);
            long ready = mem.space.bytesIn(RegionState.READY);
            assertThat("Sys (the sum of every sysMemStat) must equal the Prepared and Ready bytes",
                    s.sys(), equalTo(prepared + ready));
            assertThat("mappedReady must equal the Ready bytes", s.mappedReady(), equalTo(ready));
        }));
    }

    @Test
    @Points(1)
    void sysAllocGivesZeroedReadyPageAlignedMemory() {
        Harness.withMemory(EXERCISE, 1, 3, mem -> {
            long before = mem.readMemStats().otherSys();
            long v = mem.sysmem.sysAlloc(3 * PAGE + 1, mem.otherSys);
            assertThat(v % PAGE, equalTo(0L));
            assertThat(mem.space.region(v).state(v + 3 * PAGE), equalTo(RegionState.READY));
            assertThat("a partial page is a whole page to the OS: count 4",
                    mem.readMemStats().otherSys() - before, equalTo(4 * PAGE));
            assertThat(mem.space.getLong(v + 3 * PAGE), equalTo(0L));
        });
    }

    @Test
    @Points(1)
    void sysUnusedForfeitsTheContents() {
        Harness.withMemory(EXERCISE, 1, 4, mem -> {
            long ready = mem.readMemStats().mappedReady(); // the goroutines' stacks
            long v = mem.sysmem.sysAlloc(2 * PAGE, mem.otherSys);
            mem.space.putLong(v + PAGE, 77);
            mem.sysmem.sysUnused(v, 2 * PAGE);
            mem.sysmem.sysUsed(v, 2 * PAGE, 2 * PAGE);
            assertThat("after sysUnused (MADV_DONTNEED) and sysUsed the page reads as zero",
                    mem.space.getLong(v + PAGE), equalTo(0L));
            assertThat(mem.readMemStats().mappedReady() - ready, equalTo(2 * PAGE));
        });
    }

    @Test
    @Points(1)
    void sysAllocReturnsZeroWhenTheOsRefuses() {
        long[] got = new long[1];
        // 4 pages free once the runtime has its first 32 KB span of goroutine stacks
        Harness.run(Harness.limited(EXERCISE, 4 * PAGE + (32 << 10)), () -> {
            Memory mem = Gort.current().mem;
            got[0] = mem.sysmem.sysAlloc(8 * PAGE, mem.otherSys);
        });
        assertThat("mmap failed (ENOMEM): sysAlloc returns 0 and counts nothing", got[0], equalTo(0L));
    }

    @Test
    @Points(2)
    void useAfterFreeIsAFaultThatNamesTheSeed() {
        Seeds.sweep(1, 3, seed -> {
            FatalError e = Harness.death(Harness.sim("sysmem", 1, seed), () -> {
                Memory mem = Gort.current().mem;
                long v = mem.sysmem.sysAlloc(PAGE, mem.otherSys);
                mem.sysmem.sysFree(v, PAGE, mem.otherSys);
                mem.space.getLong(v);
            });
            assertThat("sysFree must unmap the region and drop it from mem.space: touching it is then a"
                    + " fault with nothing mapped (code=0x1)", e.output(),
                    containsString("fatal error: fault\n[signal SIGSEGV: segmentation violation code=0x1"));
            assertThat(e.output(), containsString("seed " + seed));
        });
    }

    @Test
    @Points(1)
    void useAfterFaultIsAFault() {
        FatalError e = Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(2 * PAGE, mem.otherSys);
            mem.sysmem.sysFault(v + PAGE, PAGE);
            mem.space.putLong(v, 1); // still Ready
            mem.space.putLong(v + PAGE, 1);
        });
        assertThat("sysFault makes the pages Reserved: an access is a fault", e.getMessage(), equalTo("fault"));
        assertThat(e.output(), containsString("code=0x2"));
    }

    @Test
    @Points(1)
    void reservedMemoryCostsNothingUntilMapped() {
        Harness.withMemory(EXERCISE, 1, 5, mem -> {
            MemStats before = mem.readMemStats(); // the goroutines' stacks
            long v = mem.sysmem.sysReserve(0, 1 << 20);
            assertThat(v, greaterThan(0L));
            assertThat(mem.readMemStats().sys(), equalTo(before.sys()));
            mem.sysmem.sysMap(v + PAGE, PAGE, mem.gcMiscSys);
            assertThat(mem.readMemStats().gcSys(), equalTo(PAGE));
            assertThat("mapped is Prepared, not Ready", mem.readMemStats().mappedReady(),
                    equalTo(before.mappedReady()));
        });
    }

    @Test
    @Points(1)
    void unalignedSysUnusedThrowsGosMessage() {
        assertThat(Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(4 * PAGE, mem.otherSys);
            mem.sysmem.sysUnused(v + 8, PAGE);
        }).getMessage(), equalTo("unaligned sysUnused"));
    }

    @Test
    @Points(1)
    void wrongStatesThrow() {
        assertThat(Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(PAGE, mem.otherSys);
            mem.sysmem.sysMap(v, PAGE, mem.heapSys);
        }).getMessage(), equalTo("sysMap: memory not reserved"));
        assertThat(Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysReserve(0, PAGE);
            mem.sysmem.sysUsed(v, PAGE, PAGE);
        }).getMessage(), equalTo("sysUsed: memory not prepared"));
    }

    @Test
    @Points(1)
    void freeingMoreThanWasCountedIsAStatOverflow() {
        assertThat(Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(PAGE, mem.otherSys);
            mem.sysmem.sysFree(v, PAGE, mem.heapSys); // counted in other_sys, uncounted from heapSys
        }).getMessage(), equalTo("sysMemStat overflow"));
    }

    /**
     * What the OS was asked for, seen from the (simulated) kernel's side: the page protections a
     * state needs, the pages gone after sysFree, and 0 from a sysReserve the OS refuses.
     */
    @Test
    @Points(1)
    void theOsHoldsWhatTheStatesSay() {
        Harness.run(Harness.simLimited(EXERCISE, 64 << 20), () -> {
            Memory mem = Gort.current().mem;
            SimOs os = (SimOs) mem.os;
            int rw = Os.PROT_READ | Os.PROT_WRITE;
            long v = mem.sysmem.sysReserve(0, 2 * PAGE);
            assertThat("sysReserve maps PROT_NONE", os.protection(v), equalTo(Os.PROT_NONE));
            mem.sysmem.sysMap(v, PAGE, mem.heapSys);
            assertThat("sysMap makes the pages read-write", os.protection(v), equalTo(rw));
            mem.sysmem.sysUsed(v, PAGE, PAGE);
            mem.sysmem.sysFault(v, PAGE);
            assertThat("sysFault takes the access away (PROT_NONE)", os.protection(v), equalTo(Os.PROT_NONE));
            mem.sysmem.sysFree(v, 2 * PAGE, mem.heapSys);
            assertThat("sysFree unmaps the pages", os.protection(v), equalTo(-1));
            assertThat("the OS refuses 128 MB beyond its 64 MB limit: sysReserve returns 0",
                    mem.sysmem.sysReserve(0, 128 << 20), equalTo(0L));
        });
    }

    /** sysFault counts its Ready bytes out of mappedReady (the statistic keeps them, as in Go). */
    @Test
    @Points(1)
    void sysFaultUncountsReadyBytes() {
        Harness.withMemory(EXERCISE, 1, 6, mem -> {
            long v = mem.sysmem.sysAlloc(3 * PAGE, mem.otherSys);
            MemStats before = mem.readMemStats();
            mem.sysmem.sysFault(v + PAGE, PAGE);
            MemStats after = mem.readMemStats();
            assertThat("one page of three is no longer Ready", before.mappedReady() - after.mappedReady(),
                    equalTo(PAGE));
            assertThat("other_sys still counts all three", after.otherSys(), equalTo(before.otherSys()));
        });
    }

    /** mprotect failing in sysMap (the kernel lost the reservation) prints it, then throws Go's string. */
    @Test
    @Points(1)
    void sysMapThatTheOsRefusesThrowsGosMessage() {
        FatalError e = Harness.death(EXERCISE, () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysReserve(0, PAGE);
            mem.os.munmap(v, PAGE); // behind the runtime's back: the region table still says Reserved
            mem.sysmem.sysMap(v, PAGE, mem.heapSys);
        });
        assertThat(e.getMessage(), equalTo("runtime: cannot map pages in arena address space"));
        assertThat("Go prints the failed call first", e.output(), containsString("runtime: mprotect("));
    }
}
