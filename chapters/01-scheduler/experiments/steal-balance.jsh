//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Stealing balances two Ps.
//
//   ./jbang chapters/01-scheduler/experiments/steal-balance.jsh
//
// Main starts 16 goroutines on P0: they all go to P0's run queue. The M that wakep starts for the
// idle P1 steals half of P0's queue (runqsteal), and later steals again, until both Ps have had
// a share. Book: chapter 1, "Work stealing".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;
import java.util.concurrent.atomic.AtomicIntegerArray;

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

int n = 16;
Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(2), "dev.gort.chapters.scheduler.Chapter01"));
AtomicIntegerArray ranOn = new AtomicIntegerArray(2);
int[] mainP = new int[1];
rt.run(() -> {
    mainP[0] = Gort.getg().m.p.id;
    Sema done = new Sema();
    for (int i = 0; i < n; i++) {
        Gort.go(() -> {
            ranOn.incrementAndGet(Gort.getg().m.p.id);
            long end = System.nanoTime() + 2_000_000L; // 2 ms of work
            while (System.nanoTime() < end) Gort.checkPreempt();
            Sema.semrelease(done);
        });
    }
    for (int i = 0; i < n; i++) Sema.semacquire(done);
});
var s = rt.stats();
System.out.printf("main started %d goroutines on P%d%n", n, mainP[0]);
System.out.printf("they started running on P0: %d, on P1: %d%n", ranOn.get(0), ranOn.get(1));
System.out.printf("steals: %d; both Ps got work: %s%n", s.steals(), ranOn.get(0) > 0 && ranOn.get(1) > 0 ? "yes" : "no");
/exit ranOn.get(0) > 0 && ranOn.get(1) > 0 && s.steals() > 0 ? 0 : 1
