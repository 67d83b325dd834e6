package dev.gort.runtime.errors;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Panic;
import dev.gort.runtime.os.Fds;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The runtime's print and println: straight to fd 2 through the OS, with no allocation. */
class PrintTest {
    @Test
    void printWritesStringsAndNumbersAsGoPrintsThem() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Gort.boot(Config.defaults().gomaxprocs(1).simulated(1).stderr(new PrintStream(err))).run(() -> {
            Panic.print("x=");
            Panic.print(-42);
            Panic.print(" min=");
            Panic.print(Long.MIN_VALUE);
            Panic.print(" p=");
            Panic.printhex(255);
            Panic.print(" ");
            Panic.printhex(-1);
            Panic.println(" é€😀");
            Panic.println(0);
            Panic.println("a".repeat(1000)); // longer than an M's buffer
        });
        assertThat(err.toString(StandardCharsets.UTF_8), equalTo("x=-42 min=-9223372036854775808 p=0xff "
                + "0xffffffffffffffff é€😀\n0\n" + "a".repeat(1000) + "\n"));
    }

    @Test
    void printAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[1];
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Gort.boot(Config.defaults().gomaxprocs(1).stderr(sink)).run(() -> {
            String line = "runtime: sp=";
            // fill fd 2's record to its limit, so that it stops growing; and warm the code up
            for (int i = 0; i <= Fds.RECORD_LIMIT / 30; i++) {
                Panic.print(line);
                Panic.printhex(0x7f00_1234_5678L + i);
                Panic.println(i);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                Panic.print(line);
                Panic.printhex(0x7f00_1234_5678L + i);
                Panic.println(i);
            }
            allocated[0] = mx.getCurrentThreadAllocatedBytes() - before;
        });
        assertThat("bytes allocated by 40,000 prints", allocated[0], lessThan(1024L));
    }
}
