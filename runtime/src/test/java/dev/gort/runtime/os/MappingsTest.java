package dev.gort.runtime.os;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OS layer's memory calls make mappings, real or simulated, that behave the same way. */
class MappingsTest {
    private static final long N = 64 * 1024;

    @Test
    void realOsMapsTouchesForfeitsAndUnmaps() {
        Goroutines.run(1, () -> exercise(Gort.current().os));
    }

    @Test
    void simOsMapsTheSameWay() {
        Goroutines.run(Simulated.boot(1, 3), () -> exercise(Gort.current().os));
    }

    @Test
    void simulatedAddressesDependOnlyOnTheSeedAndTheCalls() {
        assertThat("same seed, same calls: same addresses", addresses(7), equalTo(addresses(7)));
        assertThat("another seed: another base", addresses(8), not(equalTo(addresses(7))));
    }

    @Test
    void simulatedUnmappedHolesAreReusedLowestFirst() {
        List<Long> got = new ArrayList<>();
        Goroutines.run(Simulated.boot(1, 5), () -> {
            Os os = Gort.current().os;
            long a = os.mmap(N, Os.PROT_NONE);
            long b = os.mmap(N, Os.PROT_NONE);
            os.munmap(a, N);
            got.add(os.mmap(N, Os.PROT_NONE) - a);
            got.add(b - a);
        });
        assertThat("the freed first range is the lowest hole", got.get(0), equalTo(0L));
        assertThat("ranges are laid out upward", got.get(1), equalTo(N));
    }

    @Test
    void aProcessUnderAMemoryLimitGetsEnomem() {
        long[] got = new long[2];
        // room for N and the runtime's first 32 KB span of goroutine stacks, not for 2N
        Goroutines.run(Gort.boot(Config.defaults().gomaxprocs(1).memoryLimit(N + (32 << 10))), () -> {
            Os os = Gort.current().os;
            got[0] = os.mmap(N, Os.PROT_NONE);
            got[1] = os.mmap(N, Os.PROT_NONE);
            os.munmap(got[0], N);
        });
        assertThat(got[0], greaterThan(0L));
        assertThat("past the limit, mmap fails with ENOMEM", got[1], equalTo((long) -Os.ENOMEM));
    }

    private static List<Long> addresses(long seed) {
        List<Long> out = new ArrayList<>();
        Goroutines.run(Simulated.boot(2, seed), () -> {
            Os os = Gort.current().os;
            for (int i = 0; i < 4; i++) {
                out.add(os.mmap(N * (i + 1), Os.PROT_READ | Os.PROT_WRITE));
            }
        });
        return out;
    }

    private static void exercise(Os os) {
        long m = os.mmap(N, Os.PROT_READ | Os.PROT_WRITE);
        assertThat("a 64 KB mapping", m, greaterThan(0L));
        assertThat("page aligned", m % Os.PAGE_SIZE, equalTo(0L));
        MemorySegment bytes = os.memory(m, N);
        assertThat("fresh anonymous memory reads as zero", bytes.get(ValueLayout.JAVA_LONG, 8), equalTo(0L));
        bytes.set(ValueLayout.JAVA_LONG, 8, 0xdeadbeefL);
        assertThat(bytes.get(ValueLayout.JAVA_LONG, 8), equalTo(0xdeadbeefL));
        assertThat(os.madvise(m, N, Os.MADV_DONTNEED), equalTo(0));
        assertThat("after MADV_DONTNEED the contents are forfeit: zero again",
                bytes.get(ValueLayout.JAVA_LONG, 8), equalTo(0L));
        assertThat(os.mprotect(m, N, Os.PROT_READ), equalTo(0));
        assertThat(bytes.get(ValueLayout.JAVA_LONG, 0), equalTo(0L));
        assertThat(os.munmap(m, N), equalTo(0));

        long reserved = os.mmap(N, Os.PROT_NONE); // sysReserve: address space only
        assertThat(reserved, greaterThan(0L));
        assertThat("then sysMap makes it usable", os.mprotect(reserved, N, Os.PROT_READ | Os.PROT_WRITE), equalTo(0));
        os.memory(reserved, N).set(ValueLayout.JAVA_INT, 0, 7);
        assertThat(os.memory(reserved, N).get(ValueLayout.JAVA_INT, 0), equalTo(7));
        assertThat("part of a mapping can go", os.munmap(reserved, N / 2), equalTo(0));
        assertThat(os.munmap(reserved + N / 2, N / 2), equalTo(0));
    }
}
