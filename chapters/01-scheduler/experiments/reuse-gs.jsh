//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A hundred thousand goroutines, a handful of Gs: the free-G pool.
//
//   ./jbang chapters/01-scheduler/experiments/reuse-gs.jsh
//
// Main starts 100,000 short goroutines, 100 at a time, waiting for each batch. A goroutine that
// exits goes to its P's free list (gfput) and the next go statement takes it back (gfget), so
// the runtime allocates only about as many Gs as were ever alive at once. Book: chapter 1, "The
// free-G pool".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;

// With -Dgort.parts=chapter (all your parts) or -Dgort.parts=chapter:EXERCISE (only that exercise's,
// the rest reference), and the chapter's classes on --cp, boot with your parts.
Config withParts(Config c, String chapter) {
    String want = System.getProperty("gort.parts", "");
    if (!want.equals("chapter") && !want.startsWith("chapter:")) return c;
    try {
        Class<?> wiring = Class.forName(chapter);
        Object parts = want.equals("chapter") ? wiring.getMethod("parts").invoke(null)
                : wiring.getMethod("parts", String.class).invoke(null, want.substring("chapter:".length()));
        return (Config) Config.class.getMethod("parts", parts.getClass()).invoke(c, parts);
    } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-Dgort.parts=" + want + " needs " + chapter + " on the class path"
                + " (./jbang --cp target/gort/check/01-scheduler/classes ..., after ./workbook check 01): " + e, e);
    }
}

int batches = 1000, batch = 100;
Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(2), "dev.gort.chapters.scheduler.Chapter01"));
rt.run(() -> {
    Sema done = new Sema();
    for (int b = 0; b < batches; b++) {
        for (int i = 0; i < batch; i++) Gort.go(() -> Sema.semrelease(done));
        for (int i = 0; i < batch; i++) Sema.semacquire(done);
    }
});
var s = rt.stats();
long started = (long) batches * batch;
System.out.printf("goroutines started: %d, at most %d alive at once%n", started, batch);
System.out.printf("Gs created: %d, reused from the free pool: %d%n", s.gsCreated(), s.gsReused());
System.out.printf("Gs ever allocated (allgs): %d, under 1%% of the goroutines: %s%n", s.allgs(),
        s.allgs() * 100 < started ? "yes" : "no");
/exit s.allgs() * 100 < started ? 0 : 1
