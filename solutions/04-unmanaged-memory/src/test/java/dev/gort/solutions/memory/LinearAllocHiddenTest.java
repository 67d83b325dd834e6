package dev.gort.solutions.memory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import dev.gort.grader.api.Exercise;
import dev.gort.grader.api.Points;
import dev.gort.runtime.mem.Region;
import dev.gort.runtime.mem.RegionState;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.LinearAllocPart;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Exercise linearalloc: every byte handed out is Ready, nothing beyond is mapped (a property). */
@Exercise("linearalloc")
class LinearAllocHiddenTest {
    private static final String EXERCISE = "linearalloc";
    private static final long PAGE = Os.PAGE_SIZE;
    private static final long RANGE = 256 * PAGE;

    @Property(tries = 40)
    @Points(4)
    void mapsExactlyThePagesHandedOut(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 20_000) Integer> sizes,
            @ForAll @IntRange(min = 0, max = 12) int alignLog) {
        Harness.withMemory(EXERCISE, 1, sizes.size(), mem -> {
            long base = mem.sysmem.sysReserve(0, RANGE);
            LinearAllocPart l = mem.newLinearAlloc();
            l.init(base, RANGE, true);
            long align = 1L << alignLog;
            long next = base;
            for (int size : sizes) {
                long p = l.alloc(size, align, mem.gcMiscSys);
                long want = (next + align - 1) & -align;
                if (want + size > base + RANGE) {
                    assertThat("a request past the end of the reservation returns 0", p, equalTo(0L));
                    continue;
                }
                assertThat("alloc bumps next, aligned up", p, equalTo(want));
                next = p + size;
                mem.space.fill(p, size, (byte) 3); // faults if any byte is not Ready
                long mapped = (next + PAGE - 1) & -PAGE;
                Region r = mem.space.region(base);
                assertThat("Ready up to the page holding the last byte", r.bytesIn(base, RANGE,
                        RegionState.READY), equalTo(mapped - base));
                assertThat("and counted in the stat", mem.readMemStats().gcSys(), equalTo(mapped - base));
            }
        });
    }

    @Test
    @Points(1)
    void withoutMapMemoryNothingIsMapped() {
        Harness.withMemory(EXERCISE, 1, 2, mem -> {
            long base = mem.sysmem.sysReserve(0, RANGE);
            mem.sysmem.sysMap(base, RANGE, mem.heapSys);
            mem.sysmem.sysUsed(base, RANGE, RANGE);
            LinearAllocPart l = mem.newLinearAlloc();
            l.init(base, RANGE, false); // the caller mapped it all
            long p = l.alloc(3 * PAGE, 8, mem.gcMiscSys);
            assertThat(p, equalTo(base));
            assertThat("mapMemory false: the linearAlloc maps nothing itself",
                    mem.readMemStats().gcSys(), equalTo(0L));
        });
    }

    @Test
    @Points(1)
    void anExactFitSucceedsAndOneMoreByteFails() {
        Harness.withMemory(EXERCISE, 1, 3, mem -> {
            long base = mem.sysmem.sysReserve(0, 4 * PAGE);
            LinearAllocPart l = mem.newLinearAlloc();
            l.init(base, 4 * PAGE, true);
            assertThat(l.alloc(4 * PAGE - 8, 8, mem.gcMiscSys), equalTo(base));
            assertThat("9 bytes do not fit in the last 8", l.alloc(9, 1, mem.gcMiscSys), equalTo(0L));
            assertThat("8 do", l.alloc(8, 8, mem.gcMiscSys), equalTo(base + 4 * PAGE - 8));
        });
    }

    /**
     * A range that ends at the very top of the address space (for gort's addresses, Java longs,
     * 2^63) would make end overflow: init chops off the last byte, as Go's does, so every byte but
     * that one can be handed out. A range that does not overflow keeps all its bytes, even an
     * empty one.
     */
    @Test
    @Points(1)
    void aRangeEndingAtTheTopOfTheAddressSpaceLosesOnlyItsLastByte() {
        Harness.withMemory(EXERCISE, 1, 4, mem -> {
            long top = Long.MAX_VALUE - RANGE + 1; // top + RANGE overflows to Long.MIN_VALUE
            LinearAllocPart l = mem.newLinearAlloc();
            l.init(top, RANGE, false); // mapMemory false: nothing is mapped there
            assertThat("base + size overflows: init chops off the last byte, and every other byte"
                    + " can still be handed out", l.alloc(RANGE - 1, 1, mem.gcMiscSys), equalTo(top));

            long base = mem.sysmem.sysReserve(0, RANGE);
            LinearAllocPart empty = mem.newLinearAlloc();
            empty.init(base, 0, true);
            assertThat("an empty range does not overflow: nothing is chopped, so a request of 0"
                    + " bytes fits at its base", empty.alloc(0, 1, mem.gcMiscSys), equalTo(base));
            assertThat("and 1 byte does not fit", empty.alloc(1, 1, mem.gcMiscSys), equalTo(0L));
        });
    }
}
