//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Ten thousand parked goroutines: each owns a 2 KB stack from the stack pool, so their stacks
// cost about 20 MB (StackSys). A million would cost 2 GB: Go's figure too.
//
//   ./jbang chapters/02-stacks/experiments/many-goroutines.jsh
//
// Then each grows its stack to 16 KB and back, and a shrink pass (what the collector does to every
// goroutine it scans) halves each stack once; a second pass halves again. Book: chapter 2, "Where
// stacks come from: stackalloc" and "Shrinking: shrinkstack".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.*;

// With -Dgort.parts=chapter (and the chapter's classes on --cp), boot with your parts.
Config withParts(Config c) {
    String chapter = "dev.gort.chapters.stacks.Chapter02";
    if (!"chapter".equals(System.getProperty("gort.parts"))) return c;
    try {
        Object parts = Class.forName(chapter).getMethod("parts").invoke(null);
        return (Config) Config.class.getMethod("parts", parts.getClass()).invoke(c, parts);
    } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-Dgort.parts=chapter needs " + chapter + " on the class path"
                + " (./jbang --cp target/gort/check/02-stacks/classes ..., after ./workbook check 02): " + e, e);
    }
}

int N = 10_000;
Func F = Func.of("main.f", 6);
void f(int n) { int fr = Frame.enter(F); if (n > 0) f(n - 1); Frame.leave(fr); }
List<String> out = new ArrayList<>();
Gort.boot(withParts(Config.defaults().gomaxprocs(2)).simulated(1)).run(() -> {
    Gort rt = Gort.current();
    Sema grow = new Sema(), exit = new Sema(), done = new Sema();
    G[] gs = new G[N];
    long sys0 = rt.readMemStats().stackSys();
    for (int i = 0; i < N; i++) {
        int id = i;
        Gort.go(() -> {
            gs[id] = Gort.getg();
            Sema.semrelease(done);
            Sema.semacquire(grow);
            f(200); // 201 frames of 56 bytes: 16 KB
            Sema.semrelease(done);
            Sema.semacquire(exit);
        });
    }
    for (int i = 0; i < N; i++) Sema.semacquire(done);
    out.add(String.format("%d goroutines parked: StackSys grew by %d MB", N, (rt.readMemStats().stackSys() - sys0) >> 20));
    for (int i = 0; i < N; i++) Sema.semrelease(grow);
    for (int i = 0; i < N; i++) Sema.semacquire(done);
    long total = 0;
    for (G g : gs) total += g.stackHi - g.stackLo;
    out.add(String.format("after growing: stacks hold %d MB, StackSys %d MB", total >> 20, rt.readMemStats().stackSys() >> 20));
    for (int pass = 1; pass <= 2; pass++) {
        for (G g : gs) Stacks.shrinkstack(g);
        total = 0;
        for (G g : gs) total += g.stackHi - g.stackLo;
        out.add(String.format("after shrink pass %d: stacks hold %d MB", pass, total >> 20));
    }
    for (int i = 0; i < N; i++) Sema.semrelease(exit);
});
out.forEach(System.out::println);
/exit out.size() == 4 ? 0 : 1
