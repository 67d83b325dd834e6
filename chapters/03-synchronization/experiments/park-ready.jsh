//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Park and ready, a few hundred thousand times, and what one hand-off costs once the JIT is warm.
//
//   ./jbang chapters/03-synchronization/experiments/park-ready.jsh
//
// Two goroutines on one P hand a token back and forth through two semaphores: each hand-off is a
// goready (into runnext) and a gopark. No thread blocks: one M does all of it. The first 100,000
// round trips are not timed (the JIT is compiling the runtime meanwhile); the figure is the
// median of five timed batches, comparable with bench/'s PingPong at GOMAXPROCS 1. Book:
// chapter 3, "Parking and readying goroutines".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;

// With -Dgort.parts=chapter (all your parts) or -Dgort.parts=chapter:EXERCISE (only that exercise's,
// the rest reference), and the chapter's classes on --cp, boot with your parts.
Config withParts(Config c) {
    String chapter = "dev.gort.chapters.synchronization.Chapter03";
    String want = System.getProperty("gort.parts", "");
    if (!want.equals("chapter") && !want.startsWith("chapter:")) return c;
    try {
        Class<?> wiring = Class.forName(chapter);
        Object parts = want.equals("chapter") ? wiring.getMethod("parts").invoke(null)
                : wiring.getMethod("parts", String.class).invoke(null, want.substring("chapter:".length()));
        return (Config) Config.class.getMethod("parts", parts.getClass()).invoke(c, parts);
    } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-Dgort.parts=" + want + " needs " + chapter + " on the class path"
                + " (./jbang --cp target/gort/check/03-synchronization/classes ..., after ./workbook check 03): " + e, e);
    }
}

// Times `rounds` round trips between two new goroutines; call it on a goroutine.
long pingPong(int rounds) {
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
    return System.nanoTime() - t0;
}

// The first round trips run while the JIT is still compiling the runtime: they are not timed.
int warmup = 100_000, batch = 20_000, batches = 5;
Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(1)));
long[] ns = new long[batches];
rt.run(() -> {
    pingPong(warmup);
    for (int b = 0; b < batches; b++) ns[b] = pingPong(batch);
});
java.util.Arrays.sort(ns);
System.out.printf("%d round trips between two goroutines on one P (GOMAXPROCS=1)%n", warmup + batches * batch);
System.out.printf("each park/ready hand-off took about %d ns%n", ns[batches / 2] / (2L * batch));
System.out.printf("  (the median of %d timed batches of %d round trips, after %d untimed ones that warm up"
        + " the JIT)%n", batches, batch, warmup);
System.out.printf("Ms ever started (sysmon included): %d%n", rt.stats().msStarted());
/exit 0
