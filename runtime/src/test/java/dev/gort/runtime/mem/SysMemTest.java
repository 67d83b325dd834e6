package dev.gort.runtime.mem;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.SysMemPart;
import org.junit.jupiter.api.Test;

/** The sysAlloc family: Go's region states, the statistics, and faults in checked mode. */
class SysMemTest {
    private static final long N = 64 << 10;

    @Test
    void theStateMachineOnTheRealOs() {
        Goroutines.run(1, () -> walk(Gort.current().mem));
    }

    @Test
    void theStateMachineOnTheSimulatedOs() {
        Goroutines.run(Simulated.boot(2, 11), () -> walk(Gort.current().mem));
    }

    /** None -> Reserved -> Prepared -> Ready -> Prepared -> Ready -> None, with exact stats. */
    private static void walk(Memory mem) {
        SysMemPart sys = mem.sysmem;
        MemStats base = mem.readMemStats(); // the runtime's own: goroutine stacks
        int baseRegions = mem.space.regions().size();
        long v = sys.sysReserve(0, N);
        assertThat(v, greaterThan(0L));
        Region r = mem.space.region(v);
        assertThat(r.state(v), equalTo(RegionState.RESERVED));
        assertThat("reserved memory is not counted", mem.readMemStats().sys(), equalTo(base.sys()));
        sys.sysMap(v, N, mem.heapSys);
        assertThat(r.state(v + N - 1), equalTo(RegionState.PREPARED));
        assertThat("mapped memory counts in its stat", mem.readMemStats().heapSys(), equalTo(N));
        assertThat("but it is not Ready", mem.readMemStats().mappedReady(), equalTo(base.mappedReady()));
        sys.sysUsed(v, N, N);
        assertThat(r.state(v), equalTo(RegionState.READY));
        mem.space.putLong(v + 8, 42);
        assertThat(mem.space.getLong(v + 8), equalTo(42L));
        sys.sysUnused(v, N);
        assertThat(r.state(v), equalTo(RegionState.PREPARED));
        assertThat(mem.readMemStats().mappedReady(), equalTo(base.mappedReady()));
        sys.sysUsed(v, N, N);
        assertThat("after sysUnused the contents were forfeit", mem.space.getLong(v + 8), equalTo(0L));
        long a = sys.sysAlloc(100, mem.otherSys);
        assertThat("sysAlloc counts whole pages", mem.readMemStats().otherSys(), equalTo(Os.PAGE_SIZE));
        MemStats s = mem.readMemStats();
        assertThat("Sys is the sum, and all of it is Ready", s.sys(), equalTo(s.mappedReady()));
        assertThat("the stats are what the table holds", s.sys(),
                equalTo(mem.space.bytesIn(RegionState.READY) + mem.space.bytesIn(RegionState.PREPARED)));
        sys.sysFree(a, 100, mem.otherSys);
        sys.sysFree(v, N, mem.heapSys);
        assertThat(mem.readMemStats(), equalTo(base));
        assertThat("freed regions leave the table", mem.space.regions().size(), equalTo(baseRegions));
    }

    @Test
    void touchingReservedMemoryIsAFaultWithGosReport() {
        FatalError e = death(Simulated.boot(1, 5), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysReserve(0, N);
            mem.space.getLong(v + 16);
        });
        assertThat(e.getMessage(), equalTo("fault"));
        assertThat(e.output(), containsString("unexpected fault address 0x"));
        assertThat(e.output(), containsString("fatal error: fault\n[signal SIGSEGV: segmentation violation code=0x2"));
        assertThat("the simulated OS names the seed", e.output(), containsString("seed 5"));
    }

    @Test
    void aFaultAddressReplaysWithItsSeed() {
        assertThat(faultLine(9), equalTo(faultLine(9)));
    }

    @Test
    void useAfterFreeAndAfterFaultAreFaults() {
        FatalError free = death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            mem.sysmem.sysFree(v, N, mem.otherSys);
            mem.space.putLong(v, 1);
        });
        assertThat("nothing is mapped there any more", free.output(), containsString("code=0x1"));
        FatalError fault = death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            mem.sysmem.sysFault(v, N);
            mem.space.getLong(v + N - 8);
        });
        assertThat(fault.getMessage(), equalTo("fault"));
        assertThat(fault.output(), containsString("code=0x2"));
    }

    @Test
    void misuseThrowsGosMessages() {
        assertThat(death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            mem.sysmem.sysUnused(v + 1, N - Os.PAGE_SIZE);
        }).getMessage(), equalTo("unaligned sysUnused"));
        assertThat(death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            mem.otherSys.add(-1);
        }).getMessage(), equalTo("sysMemStat overflow"));
        assertThat(death(Goroutines.boot(1), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            mem.sysmem.sysMap(v, N, mem.heapSys);
        }).getMessage(), equalTo("sysMap: memory not reserved"));
    }

    @Test
    void theTracersBuffersAreUnmanagedMemory() {
        Gort rt = Gort.boot(Config.defaults().gomaxprocs(1).tracing(true).stderr(System.err));
        rt.run(() -> Gort.go(() -> { }));
        assertThat("each M's first trace buffer is a 64 KB sysAlloc in other_sys",
                rt.readMemStats().otherSys() % (64 << 10), equalTo(0L));
        assertThat(rt.readMemStats().otherSys(), greaterThan(0L));
        assertThat("and the events read back from it", rt.tracer().events().size(), greaterThan(2));
    }

    private static String faultLine(long seed) {
        String out = death(Simulated.boot(2, seed), () -> {
            Memory mem = Gort.current().mem;
            long v = mem.sysmem.sysAlloc(N, mem.otherSys);
            mem.sysmem.sysFree(v, N, mem.otherSys);
            mem.space.getLong(v);
        }).output();
        return out.substring(0, out.indexOf('\n'));
    }

    static FatalError death(Gort rt, Runnable main) {
        try {
            rt.run(main);
        } catch (FatalError e) {
            return e;
        }
        throw new AssertionError("expected the runtime to die, but main returned");
    }
}
