//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED -Xmx4g
// A million parked goroutines, and what each one costs.
//
//   ./jbang chapters/01-scheduler/experiments/park-a-million.jsh
//   ./jbang -Dn=200000 chapters/01-scheduler/experiments/park-a-million.jsh
//
// Each goroutine parks on a semaphore (gopark underneath). A parked G is a G object and a
// continuation holding its few Java frames: no thread. Book: chapter 1, "The three structures".

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

long used() {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) System.gc();
    return r.totalMemory() - r.freeMemory();
}

int n = Integer.getInteger("n", 1_000_000);
Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(2), "dev.gort.chapters.scheduler.Chapter01"));
long[] out = new long[4];
rt.run(() -> {
    Sema gate = new Sema();
    Sema done = new Sema();
    long before = used();
    for (int i = 0; i < n; i++) {
        Gort.go(() -> {
            Sema.semacquire(gate); // parks until main releases it
            Sema.semrelease(done);
        });
    }
    // Wait until every one of them is really parked (_Gwaiting), yielding meanwhile.
    int waiting = 0;
    while (waiting < n) {
        Gort.gosched();
        waiting = 0;
        for (int i = 0; i < rt.sched.allglen(); i++) {
            if (rt.sched.allg(i).readgstatus() == G._Gwaiting) waiting++;
        }
    }
    out[0] = waiting;
    out[1] = used() - before;
    out[2] = Thread.getAllStackTraces().size();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) Sema.semrelease(gate);
    for (int i = 0; i < n; i++) Sema.semacquire(done);
    out[3] = (System.nanoTime() - t0) / 1_000_000;
});
System.out.printf("%d goroutines parked at once (all in _Gwaiting)%n", out[0]);
System.out.printf("heap per parked goroutine: about %d bytes%n", out[1] / n);
System.out.printf("threads in the whole JVM meanwhile: %d%n", out[2]);
System.out.printf("releasing and finishing all of them took %d ms%n", out[3]);
/exit out[0] == n && out[2] < 100 ? 0 : 1
