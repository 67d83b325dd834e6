//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A million fixalloc objects, their statistics, and the free list at work.
//
//   ./jbang chapters/04-unmanaged-memory/experiments/million-fixalloc.jsh
//
// A million 64-byte objects fill 3907 chunks of 16 KB (16384/64 = 256 objects each), carved
// from persistentalloc's 256 KB chunks and counted in mspan_sys. Freeing half of them and
// allocating half a million again maps nothing new: the freed objects come back, last freed
// first. Book: chapter 4, "fixalloc".

import dev.gort.runtime.*;
import dev.gort.runtime.mem.*;
import dev.gort.runtime.part.FixAllocPart;

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

int n = 1_000_000;
long[] got = new long[6];
Gort.boot(withParts(Config.defaults().gomaxprocs(1))).run(() -> {
    Memory mem = Gort.current().mem;
    FixAllocPart f = mem.newFixAlloc();
    f.init(64, null, null, mem.mspanSys);
    long[] objs = new long[n];
    for (int i = 0; i < n; i++) objs[i] = f.alloc();
    got[0] = f.inuse();
    got[1] = mem.readMemStats().mSpanSys();
    got[2] = mem.readMemStats().sys();
    for (int i = 0; i < n; i += 2) f.free(objs[i]);
    long last = objs[n - 2];
    got[3] = f.alloc() == last ? 1 : 0;
    for (int i = 1; i < n / 2; i++) f.alloc();
    got[4] = mem.readMemStats().sys() - got[2];
    got[5] = f.inuse();
});
System.out.printf("allocated %d objects of 64 bytes: inuse=%d, mspan_sys=%d (%d chunks of 16 KB)%n",
        n, got[0], got[1], got[1] / 16384);
System.out.printf("Sys=%d: persistentalloc's 256 KB chunks, the rest still in other_sys%n", got[2]);
System.out.printf("freed every other object; the next alloc is the one freed last: %s%n", got[3] == 1);
System.out.printf("allocated half a million again: %d new bytes mapped, inuse=%d%n", got[4], got[5]);
/exit got[3] == 1 && got[4] == 0 && got[5] == 64L * n ? 0 : 1
