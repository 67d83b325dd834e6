//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A sleeping ring: goroutines pass a token round, each sleeping 1 ms before passing it on.
//
//   ./jbang chapters/01-scheduler/experiments/sleeping-ring.jsh
//
// Ten goroutines in a ring, three laps: thirty hops of Gort.sleep(1 ms) one after the other. It runs
// on the simulated OS, whose clock is virtual: when every M is asleep the simulator moves its clock
// straight to the next timer, so nobody waits for the 30 ms, and seed 1 gives the same run every
// time. Halfway through, Gort.stack(true) shows one goroutine [sleep] and the others
// [semacquire], as many as NumGoroutine counts. Book: chapter 1, "Timers and sleeping".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;
import java.util.concurrent.atomic.AtomicInteger;

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

int n = 10, laps = 3;
long ms = 1_000_000L;
Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(2).simulated(1), "dev.gort.chapters.scheduler.Chapter01"));
AtomicInteger hops = new AtomicInteger();
long[] virtual = new long[1];
String[] stack = new String[1];
int[] counted = new int[1];
rt.run(() -> {
    Sema[] token = new Sema[n];
    for (int i = 0; i < n; i++) token[i] = new Sema();
    Sema done = new Sema();
    for (int i = 0; i < n; i++) {
        int k = i;
        Gort.go(() -> {
            for (int lap = 0; lap < laps; lap++) {
                Sema.semacquire(token[k]);
                Gort.sleep(ms);
                hops.incrementAndGet();
                Sema.semrelease(k == n - 1 ? done : token[k + 1]);
            }
        });
    }
    long start = Gort.nanotime();
    Sema.semrelease(token[0]);
    Gort.sleep(ms * 5 / 2); // look in the middle of the third hop
    counted[0] = Gort.numGoroutine();
    stack[0] = Gort.stack(true);
    Sema.semacquire(done);
    for (int lap = 1; lap < laps; lap++) {
        Sema.semrelease(token[0]);
        Sema.semacquire(done);
    }
    virtual[0] = Gort.nanotime() - start;
});
long sleeping = stack[0].lines().filter(l -> l.matches("goroutine \\d+ \\[sleep\\]:")).count();
long waiting = stack[0].lines().filter(l -> l.matches("goroutine \\d+ \\[semacquire\\]:")).count();
long headers = stack[0].lines().filter(l -> l.matches("goroutine \\d+ \\[.*\\]:")).count();
System.out.printf("ring of %d goroutines, %d laps, each hop sleeps 1 ms: %d hops%n", n, laps, hops.get());
System.out.printf("virtual time: %.1f ms (at least %d ms: %s)%n", virtual[0] / 1e6, n * laps,
        virtual[0] >= n * laps * ms ? "yes" : "no");
System.out.println("Gort.stack(true) in the middle of the third hop, its headers:");
stack[0].lines().filter(l -> l.startsWith("goroutine ")).forEach(l -> System.out.println("  " + l));
System.out.printf("[sleep]: %d, [semacquire]: %d, NumGoroutine: %d, headers: %d, agree: %s%n", sleeping, waiting,
        counted[0], headers, headers == counted[0] ? "yes" : "no");
/exit hops.get() == n * laps && virtual[0] >= n * laps * ms && sleeping == 1 && headers == counted[0] ? 0 : 1
