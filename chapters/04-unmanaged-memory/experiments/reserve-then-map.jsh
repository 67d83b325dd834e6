//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Reserve a large range, then map a little of it: what Go does for its heap arenas.
//
//   ./jbang chapters/04-unmanaged-memory/experiments/reserve-then-map.jsh
//
// Reserved address space costs nothing: MemStats.Sys does not move when 64 MB are reserved. sysMap
// commits (and counts) a part, sysUsed makes it Ready, and only then may it be touched. Runs on
// the simulated OS, so the addresses are the same every time. Book: chapter 4, "Four states of
// address space".

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

long arena = 64L << 20;
long chunk = 256L << 10;
String[] out = new String[5];
Gort.boot(withParts(Config.defaults().gomaxprocs(1)).simulated(42)).run(() -> {
    Memory mem = Gort.current().mem;
    // Counted from what the runtime already holds: its goroutines' stacks (chapter 2).
    MemStats base = mem.readMemStats();
    int regions = mem.space.regions().size();
    long v = mem.sysmem.sysReserve(0, arena);
    Region r = mem.space.region(v);
    out[0] = String.format("sysReserve(64 MB) at 0x%x: %s, Sys=%d", v, r.state(v), mem.readMemStats().sys() - base.sys());
    mem.sysmem.sysMap(v, chunk, mem.heapSys);
    out[1] = String.format("sysMap(256 KB): %s, HeapSys=%d, mappedReady=%d", r.state(v),
            mem.readMemStats().heapSys(), mem.readMemStats().mappedReady() - base.mappedReady());
    mem.sysmem.sysUsed(v, chunk, chunk);
    mem.space.putLong(v, 7);
    out[2] = String.format("sysUsed(256 KB): %s, mappedReady=%d, read back %d", r.state(v),
            mem.readMemStats().mappedReady() - base.mappedReady(), mem.space.getLong(v));
    out[3] = String.format("the rest of the arena: %s, %d bytes Reserved", r.state(v + chunk),
            mem.space.bytesIn(RegionState.RESERVED));
    mem.sysmem.sysFree(v, arena, mem.heapSys);
    out[4] = String.format("sysFree(64 MB): Sys=%d, regions=%d", mem.readMemStats().sys() - base.sys(),
            mem.space.regions().size() - regions);
});
for (String s : out) System.out.println(s);
/exit out[4].equals("sysFree(64 MB): Sys=0, regions=0") ? 0 : 1
