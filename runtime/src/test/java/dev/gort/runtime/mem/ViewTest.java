package dev.gort.runtime.mem;

import static dev.gort.runtime.mem.SysMemTest.death;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.os.Os;
import org.junit.jupiter.api.Test;

/**
 * A view in checked mode trusts the run of Ready pages it found only until a page of the address
 * space leaves Ready: each of these reads once through the view (so the run is cached), changes
 * the pages under it, and reads again.
 */
class ViewTest {
    private static final long PAGE = Os.PAGE_SIZE;
    private static final long N = 64 * PAGE;

    @Test
    void aPageFaultedAfterAReadFaultsOnTheNextRead() {
        String out = deathOutput(3, (mem, v, view) -> {
            view.at(v + 5 * PAGE).next();
            mem.sysmem.sysFault(v + 5 * PAGE, PAGE);
            view.at(v + 5 * PAGE).next();
        });
        assertThat("mapped, but not accessible", out, containsString("unexpected fault address 0x"));
        assertThat(out, containsString("code=0x2"));
    }

    @Test
    void aPageMadeUnusedAfterAReadFaultsOnTheNextRead() {
        String out = deathOutput(4, (mem, v, view) -> {
            view.at(v + 3 * PAGE).setNext(1);
            mem.sysmem.sysUnused(v + 4 * PAGE, PAGE); // the next page: inside the view's run
            view.at(v + 4 * PAGE).next();
        });
        assertThat("Prepared: mapped, but not accessible", out, containsString("code=0x2"));
    }

    @Test
    void aFreedRegionFaultsOnTheNextRead() {
        String out = deathOutput(5, (mem, v, view) -> {
            view.at(v).setNext(7);
            mem.sysmem.sysFree(v, N, mem.otherSys);
            view.at(v).next();
        });
        assertThat("nothing is mapped there any more", out, containsString("code=0x1"));
    }

    @Test
    void aFieldAcrossAPageEdgeChecksBothPages() {
        long[] edge = new long[1];
        String out = deathOutput(6, (mem, v, view) -> {
            long r = mem.sysmem.sysReserve(0, 2 * PAGE);
            mem.sysmem.sysMap(r, PAGE, mem.otherSys);
            mem.sysmem.sysUsed(r, PAGE, PAGE);
            view.at(r + PAGE - 16).next(); // wholly in the Ready page
            edge[0] = r + PAGE;
            view.at(r + PAGE - 4).next(); // its last 4 bytes are in the Reserved page
        });
        assertThat("the fault names the first byte past the Ready page", out,
                containsString("unexpected fault address 0x" + Long.toHexString(edge[0])));
    }

    @Test
    void aWalkPastTheCachedRunChecksEveryPage() {
        long[] bad = new long[1];
        String out = deathOutput(7, (mem, v, view) -> {
            bad[0] = v + 40 * PAGE;
            mem.sysmem.sysFault(bad[0], PAGE);
            for (long p = v; p < v + N; p += PAGE / 2) {
                view.at(p).next();
            }
        });
        assertThat("the walk reads 40 Ready pages, then faults at the first Reserved one", out,
                containsString("unexpected fault address 0x" + Long.toHexString(bad[0])));
    }

    @Test
    void readsWithinReadyPagesSeeWhatWasWritten() {
        Goroutines.run(Simulated.boot(1, 8), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            mem.sysmem.sysUnused(v + 10 * PAGE, PAGE); // unrelated pages leave Ready
            MLink view = new MLink(mem.space);
            for (long p = v; p < v + 10 * PAGE; p += 512) {
                view.at(p).setNext(p ^ 0x5a5a);
            }
            for (long p = v; p < v + 10 * PAGE; p += 512) {
                assertThat(view.at(p).next(), equalTo(p ^ 0x5a5a));
            }
        });
    }

    @FunctionalInterface
    interface ViewBody {
        void run(Memory mem, long v, MLink view);
    }

    /** What a simulated runtime (this seed) printed as it died running body on N sysAlloc'd bytes. */
    private static String deathOutput(long seed, ViewBody body) {
        return death(Simulated.boot(1, seed), () -> {
            Memory mem = Gort.current().mem;
            body.run(mem, mem.sysmem.sysAlloc(N, mem.otherSys), new MLink(mem.space));
        }).output();
    }
}
