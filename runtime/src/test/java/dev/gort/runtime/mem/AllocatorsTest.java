package dev.gort.runtime.mem;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.FixAllocPart;
import dev.gort.runtime.part.LinearAllocPart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** persistentalloc, fixalloc and linearAlloc of the reference runtime. */
class AllocatorsTest {

    @Test
    void persistentallocAlignsCarvesChunksAndNeverOverlaps() {
        Goroutines.run(Simulated.boot(2, 3), () -> {
            Memory mem = Gort.current().mem;
            long a = mem.persistent.persistentalloc(24, 0, mem.gcMiscSys);
            long b = mem.persistent.persistentalloc(8, 64, mem.gcMiscSys);
            assertThat("default alignment 8", a % 8, equalTo(0L));
            assertThat(b % 64, equalTo(0L));
            assertThat("after the chunk's link word", a % dev.gort.runtime.os.Os.PAGE_SIZE, equalTo(8L));
            assertThat("bumped, aligned up", b, equalTo(Memory.alignUp(a + 24, 64)));
            assertThat(mem.space.getLong(b), equalTo(0L));
            assertThat(mem.persistent.inPersistentAlloc(a), is(true));
            long big = mem.persistent.persistentalloc(64 << 10, 0, mem.gcMiscSys);
            assertThat("64 KB comes straight from sysAlloc", mem.persistent.inPersistentAlloc(big), is(false));
            MemStats s = mem.readMemStats();
            assertThat("a chunk and a direct block are mapped (and the goroutines' stacks)",
                    s.sys() - s.stackSys(), equalTo((256L << 10) + (64 << 10)));
            assertThat("what was handed out moved to gcMiscSys", s.gcSys(), equalTo(24 + 8 + (64L << 10)));
        });
    }

    @Test
    void persistentallocThrowsGosMessages() {
        assertThat(pdeath(0, 8), equalTo("persistentalloc: size == 0"));
        assertThat(pdeath(8, 24), equalTo("persistentalloc: align is not a power of 2"));
        assertThat(pdeath(8, 16384), equalTo("persistentalloc: align is too large"));
    }

    private static String pdeath(long size, long align) {
        return SysMemTest.death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            mem.persistent.persistentalloc(size, align, mem.otherSys);
        }).getMessage();
    }

    @Test
    void fixallocReusesLastFreedFirstAndHonoursZero() {
        Goroutines.run(1, () -> {
            Memory mem = Gort.current().mem;
            List<Long> firsts = new ArrayList<>();
            FixAllocPart f = mem.newFixAlloc();
            f.init(48, (arg, p) -> firsts.add(p), null, mem.mspanSys);
            long a = f.alloc();
            long b = f.alloc();
            assertThat("bumped by the size", b - a, equalTo(48L));
            assertThat(f.inuse(), equalTo(96L));
            mem.space.putLong(a + 8, 7);
            f.free(a);
            f.free(b);
            assertThat(f.inuse(), equalTo(0L));
            assertThat("last freed, first reused", f.alloc(), equalTo(b));
            f.setZero(false);
            assertThat(f.alloc(), equalTo(a));
            assertThat("zero off: the old contents survive reuse", mem.space.getLong(a + 8), equalTo(7L));
            assertThat("first ran once per fresh object", firsts, equalTo(List.of(a, b)));
            f.free(a);
            f.setZero(true);
            assertThat(f.alloc(), equalTo(a));
            assertThat("zero on: reused objects are cleared", mem.space.getLong(a + 8), equalTo(0L));
            assertThat("and so is their link word", mem.space.getLong(a), equalTo(0L));
        });
    }

    @Test
    void fixallocChunksAreRoundedDownToTheSize() {
        Goroutines.run(1, () -> {
            Memory mem = Gort.current().mem;
            FixAllocPart f = mem.newFixAlloc();
            f.init(5000, null, null, mem.mcacheSys); // 3 per 16 KB chunk, 1384 bytes unused
            long a = f.alloc();
            f.alloc();
            long c = f.alloc();
            long d = f.alloc();
            assertThat(c - a, equalTo(10000L));
            assertThat("a fourth object starts a new chunk, persistentalloc'd right after the first",
                    d, equalTo(a + 15000));
            assertThat(mem.readMemStats().mCacheSys(), equalTo(2L * 15000));
        });
    }

    @Test
    void fixallocMisuseThrowsGosMessages() {
        assertThat(SysMemTest.death(Goroutines.boot(1), () -> {
            Gort.current().mem.newFixAlloc().alloc();
        }).getMessage(), equalTo("runtime: internal error"));
        assertThat(SysMemTest.death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            mem.newFixAlloc().init(16385, null, null, mem.otherSys);
        }).getMessage(), equalTo("runtime: fixalloc size too large"));
    }

    @Test
    void linearAllocMapsOnlyWhatItHandsOut() {
        Goroutines.run(Simulated.boot(1, 4), () -> {
            Memory mem = Gort.current().mem;
            long base = mem.sysmem.sysReserve(0, 1 << 20);
            LinearAllocPart l = mem.newLinearAlloc();
            l.init(base, 1 << 20, true);
            long p = l.alloc(1, 1, mem.gcMiscSys);
            assertThat(p, equalTo(base));
            mem.space.putLong(p, 1); // Ready: its page was mapped
            assertThat("one page mapped", mem.readMemStats().gcSys(), equalTo(Os.PAGE_SIZE));
            long q = l.alloc(Os.PAGE_SIZE, Os.PAGE_SIZE, mem.gcMiscSys);
            assertThat(q, equalTo(base + Os.PAGE_SIZE));
            assertThat(mem.readMemStats().gcSys(), equalTo(2 * Os.PAGE_SIZE));
            assertThat("the rest stays Reserved", mem.space.region(base).state(base + 2 * Os.PAGE_SIZE),
                    equalTo(RegionState.RESERVED));
            assertThat("past the end: 0", l.alloc(1 << 20, 8, mem.gcMiscSys), equalTo(0L));
        });
    }
}
