//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
// Park and ready, a hundred thousand times.
//
//   ./jbang chapters/03-synchronization/experiments/park-ready.jsh
//
// Two goroutines on one P hand a token back and forth through two semaphores: each hand-off is a
// goready (into runnext) and a gopark. No thread blocks: one M does all of it. Book: chapter 3,
// "Parking and readying goroutines".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;

// With -Dgort.parts=chapter (and the chapter's classes on --cp), boot with your parts.
Config withParts(Config c) {
    String chapter = "dev.gort.chapters.synchronization.Chapter03";
    if (!"chapter".equals(System.getProperty("gort.parts"))) return c;
    try {
        Object parts = Class.forName(chapter).getMethod("parts").invoke(null);
        return (Config) Config.class.getMethod("parts", parts.getClass()).invoke(c, parts);
    } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-Dgort.parts=chapter needs " + chapter + " on the class path"
                + " (./jbang --cp target/gort/check/03-synchronization/work/classes/main ..., after ./workbook check 03): " + e, e);
    }
}

int rounds = 100_000;
Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(1)));
long[] ns = new long[1];
rt.run(() -> {
    Sema ping = new Sema(), pong = new Sema(), done = new Sema();
    long t0 = System.nanoTime();
    Gort.go(() -> {
        for (int i = 0; i < rounds; i++) { Sema.semacquire(ping); Sema.semrelease(pong); }
        Sema.semrelease(done);
    });
    Gort.go(() -> {
        for (int i = 0; i < rounds; i++) { Sema.semrelease(ping); Sema.semacquire(pong); }
        Sema.semrelease(done);
    });
    Sema.semacquire(done);
    Sema.semacquire(done);
    ns[0] = System.nanoTime() - t0;
});
System.out.printf("%d round trips between two goroutines on one P (GOMAXPROCS=1)%n", rounds);
System.out.printf("each park/ready hand-off took about %d ns%n", ns[0] / (2L * rounds));
System.out.printf("Ms ever started (sysmon included): %d%n", rt.stats().msStarted());
/exit 0
