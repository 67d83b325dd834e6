package dev.gort.runtime.mem;

import static dev.gort.runtime.mem.SysMemTest.death;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.FatalError;
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
        FatalError e = death(Simulated.boot(1, 3), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            MLink view = new MLink(mem.space);
            view.at(v + 5 * PAGE).next();
            mem.sysmem.sysFault(v + 5 * PAGE, PAGE);
            view.at(v + 5 * PAGE).next();
        });
        assertThat(e.output(), containsString("unexpected fault address 0x"));
        assertThat("mapped, but not accessible", e.output(), containsString("code=0x2"));
    }

    @Test
    void aPageMadeUnusedAfterAReadFaultsOnTheNextRead() {
        FatalError e = death(Simulated.boot(1, 4), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            MLink view = new MLink(mem.space);
            view.at(v + 3 * PAGE).setNext(1);
            mem.sysmem.sysUnused(v + 4 * PAGE, PAGE); // the next page: still in the view's run
            view.at(v + 4 * PAGE).next();
        });
        assertThat(e.output(), containsString("code=0x2"));
        assertThat("the fault is at the page that left Ready", e.output(),
                containsString("fault address 0x"));
    }

    @Test
    void aFreedRegionFaultsOnTheNextRead() {
        FatalError e = death(Simulated.boot(1, 5), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            MLink view = new MLink(mem.space);
            view.at(v).setNext(7);
            mem.sysmem.sysFree(v, N, mem.otherSys);
            view.at(v).next();
        });
        assertThat("nothing is mapped there any more", e.output(), containsString("code=0x1"));
    }

    @Test
    void aFieldAcrossAPageEdgeChecksBothPages() {
        long[] at = new long[1];
        FatalError e = death(Simulated.boot(1, 6), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysReserve(0, 2 * PAGE);
            mem.sysmem.sysMap(v, PAGE, mem.otherSys);
            mem.sysmem.sysUsed(v, PAGE, PAGE);
            MLink view = new MLink(mem.space);
            view.at(v + PAGE - 16).next(); // wholly in the Ready page
            at[0] = v + PAGE;
            view.at(v + PAGE - 4).next(); // its last 4 bytes are in the Reserved page
        });
        assertThat("the fault names the first byte past the Ready page", e.output(),
                containsString("unexpected fault address 0x" + Long.toHexString(at[0])));
    }

    @Test
    void aWalkPastTheCachedRunChecksEveryPage() {
        long[] at = new long[1];
        FatalError e = death(Simulated.boot(1, 7), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            at[0] = v + 40 * PAGE;
            mem.sysmem.sysFault(at[0], PAGE);
            MLink view = new MLink(mem.space);
            for (long p = v; p < v + N; p += PAGE / 2) {
                view.at(p).next();
            }
        });
        assertThat("the walk reads 40 Ready pages, then faults at the first Reserved one",
                e.output(), containsString("unexpected fault address 0x" + Long.toHexString(at[0])));
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
}
