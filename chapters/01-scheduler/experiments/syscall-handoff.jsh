//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A goroutine in a long system call loses its P to another M.
//
//   ./jbang chapters/01-scheduler/experiments/syscall-handoff.jsh
//
// With GOMAXPROCS=1, G "sys" makes a 50 ms blocking call (Gort.syscall around a sleep), while G
// "work" wants the only P. sysmon sees P0 stuck in _Psyscall, retakes it and hands it off
// (handoffp), and "work" runs on another M during the call. Book: chapter 1, "System calls and
// hand-off".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;
import java.util.concurrent.ConcurrentSkipListSet;

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

Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(1), "dev.gort.chapters.scheduler.Chapter01"));
long[] m = new long[2];
java.util.concurrent.atomic.AtomicInteger inCall = new java.util.concurrent.atomic.AtomicInteger();
ConcurrentSkipListSet<Long> workMs = new ConcurrentSkipListSet<>();
long[] workDuringCall = new long[1];
rt.run(() -> {
    Sema done = new Sema();
    Gort.go(() -> { // "work": 100 ms of work in small steps
        long end = System.nanoTime() + 100_000_000L;
        while (System.nanoTime() < end) {
            workMs.add(Gort.getg().m.id);
            if (inCall.get() == 1) workDuringCall[0]++; // counted while sys is in its call
            Gort.checkPreempt();
        }
        Sema.semrelease(done);
    });
    Gort.go(() -> { // "sys": created last, so it runs first (runnext)
        m[0] = Gort.getg().m.id;
        inCall.set(1);
        Gort.syscall(() -> rt.os.usleep(50_000)); // 50 ms in the "kernel"
        inCall.set(2);
        m[1] = Gort.getg().m.id;
        Sema.semrelease(done);
    });
    Sema.semacquire(done);
    Sema.semacquire(done);
});
var s = rt.stats();
boolean otherM = workMs.stream().anyMatch(id -> id != m[0]);
System.out.printf("sys entered its 50 ms system call on M%d, holding P0 (GOMAXPROCS=1)%n", m[0]);
System.out.printf("work ran on Ms %s; during the call: %s%n", workMs, workDuringCall[0] > 0 ? "yes" : "no");
System.out.printf("P hand-offs: %d (sysmon retook P0 from the call and gave it to another M: %s)%n",
        s.handoffs(), otherM ? "yes" : "no");
System.out.printf("after the call, sys ran on M%d%n", m[1]);
/exit s.handoffs() > 0 && otherM && workDuringCall[0] > 0 ? 0 : 1
