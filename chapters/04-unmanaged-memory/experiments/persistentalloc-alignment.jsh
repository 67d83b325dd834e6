//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// persistentalloc: aligned bumps out of 256 KB chunks, and big requests straight from the OS.
//
//   ./jbang chapters/04-unmanaged-memory/experiments/persistentalloc-alignment.jsh
//
// Each request is placed at the next offset aligned to what it asks for (8 by default), so
// alignment costs the gap before it. The first word of a chunk links it to the previous chunk;
// 64 KB or more is a sysAlloc of its own. Runs on the simulated OS (seed 3). Book: chapter 4,
// "persistentalloc".

import dev.gort.runtime.*;
import dev.gort.runtime.mem.*;

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

long[][] reqs = {{24, 0}, {1, 1}, {8, 64}, {100, 16}, {8, 4096}, {64 << 10, 0}};
String[] lines = new String[reqs.length + 1];
Gort.boot(withParts(Config.defaults().gomaxprocs(1)).simulated(3)).run(() -> {
    Memory mem = Gort.current().mem;
    long base = 0;
    for (int i = 0; i < reqs.length; i++) {
        long p = mem.persistent.persistentalloc(reqs[i][0], reqs[i][1], mem.gcMiscSys);
        if (base == 0) base = p - 8;
        lines[i] = String.format("persistentalloc(%d, %d): offset %s, in a chunk: %s", reqs[i][0], reqs[i][1],
                mem.persistent.inPersistentAlloc(p) ? String.valueOf(p - base) : "-",
                mem.persistent.inPersistentAlloc(p));
    }
    MemStats s = mem.readMemStats();
    // Sys without StackSys: the goroutines' stacks (chapter 2) are counted apart.
    lines[reqs.length] = String.format("Sys=%d (one chunk and one direct block), GCSys=%d, OtherSys=%d",
            s.sys() - s.stackSys(), s.gcSys(), s.otherSys());
});
for (String l : lines) System.out.println(l);
/exit lines[reqs.length].startsWith("Sys=327680") ? 0 : 1
