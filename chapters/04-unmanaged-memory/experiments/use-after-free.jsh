//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A use after free, caught: on the simulated OS every access to unmanaged memory is checked.
//
//   ./jbang chapters/04-unmanaged-memory/experiments/use-after-free.jsh
//
// A page is sysAlloc'd, written, sysFree'd, and read again. In Go that read is a SIGSEGV; in
// gort's checked mode it is the same report ("unexpected fault address", "fatal error: fault",
// the signal line), and on the simulated OS the address depends only on the seed: run it twice
// with seed 7 and the fault is at the same address. Book: chapter 4, "Checked access and faults".

import dev.gort.runtime.*;
import dev.gort.runtime.mem.*;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

// With -Dgort.parts=chapter (and the chapter's classes on --cp), boot with your parts.
Config withParts(Config c) {
    String chapter = "dev.gort.chapters.memory.Chapter04";
    if (!"chapter".equals(System.getProperty("gort.parts"))) return c;
    try {
        Object parts = Class.forName(chapter).getMethod("parts").invoke(null);
        return (Config) Config.class.getMethod("parts", parts.getClass()).invoke(c, parts);
    } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-Dgort.parts=chapter needs " + chapter + " on the class path"
                + " (./jbang --cp target/gort/check/04-unmanaged-memory/classes ..., after ./workbook check 04): " + e, e);
    }
}

String report(long seed) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
        Gort.boot(withParts(Config.defaults().gomaxprocs(2)).simulated(seed).stderr(new PrintStream(err, true)))
                .run(() -> {
                    Memory mem = Gort.current().mem;
                    long p = mem.sysmem.sysAlloc(4096, mem.otherSys);
                    mem.space.putLong(p, 42);
                    mem.sysmem.sysFree(p, 4096, mem.otherSys);
                    mem.space.getLong(p); // use after free
                });
    } catch (FatalError e) {
        return String.join("\n", err.toString().lines().limit(4).toList());
    }
    return "(no fault)";
}

String first = report(7);
System.out.println(first);
String again = report(7);
System.out.println("the same seed again: the same report: " + first.equals(again));
/exit first.startsWith("unexpected fault address 0x") && first.equals(again) ? 0 : 1
