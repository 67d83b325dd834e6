package dev.gort.runtime.os;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.gort.runtime.Gort;
import dev.gort.runtime.Goroutines;
import dev.gort.runtime.Simulated;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The OS layer's memory calls make real mappings, on both OSes. */
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

    private static void exercise(Os os) {
        MemorySegment m = os.mmap(N, Os.PROT_READ | Os.PROT_WRITE);
        assertThat("a 64 KB mapping", m, notNullValue());
        assertThat("page aligned", m.address() % 4096, equalTo(0L));
        assertThat("fresh anonymous memory reads as zero", m.get(ValueLayout.JAVA_LONG, 8), equalTo(0L));
        m.set(ValueLayout.JAVA_LONG, 8, 0xdeadbeefL);
        assertThat(m.get(ValueLayout.JAVA_LONG, 8), equalTo(0xdeadbeefL));
        assertThat(os.madvise(m, Os.MADV_DONTNEED), equalTo(0));
        assertThat("after MADV_DONTNEED the contents are forfeit: zero again",
                m.get(ValueLayout.JAVA_LONG, 8), equalTo(0L));
        assertThat(os.mprotect(m, Os.PROT_READ), equalTo(0));
        assertThat(m.get(ValueLayout.JAVA_LONG, 0), equalTo(0L));
        assertThat(os.munmap(m), equalTo(0));

        MemorySegment reserved = os.mmap(N, Os.PROT_NONE); // sysReserve: address space only
        assertThat(reserved, notNullValue());
        assertThat("then sysMap makes it usable", os.mprotect(reserved, Os.PROT_READ | Os.PROT_WRITE), equalTo(0));
        reserved.set(ValueLayout.JAVA_INT, 0, 7);
        assertThat(reserved.get(ValueLayout.JAVA_INT, 0), equalTo(7));
        assertThat(os.munmap(reserved), equalTo(0));
    }
}
