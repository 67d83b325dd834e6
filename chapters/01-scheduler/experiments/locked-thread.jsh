//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A goroutine locked to its thread (Gort.lockOSThread, Go's runtime.LockOSThread).
//
//   ./jbang chapters/01-scheduler/experiments/locked-thread.jsh
//
// G "locked" locks its M, then parks 20 times and sleeps 20 times while 200 other goroutines come
// and go at GOMAXPROCS=2. Each time it parks its M gives the P away and waits for it
// (stoplockedm); each time it is readied, the M that finds it hands it a P (startlockedm). It
// always resumes on the same M, and no other goroutine ever runs on that M while it is locked.
// Then it exits still locked, and its thread ends with it. On the simulated OS, seed 1, so that the
// run is the same every time. Book: chapter 1, "Locked goroutines".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
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

Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(2).simulated(1), "dev.gort.chapters.scheduler.Chapter01"));
Set<M> lockedOn = new HashSet<>();
Set<M> othersOn = Collections.synchronizedSet(new HashSet<>());
M[] lockedM = new M[1];
String[] header = new String[1];
long[] msBefore = new long[1];
rt.run(() -> {
    AtomicInteger lockedNow = new AtomicInteger();
    Sema ping = new Sema(), pong = new Sema(), sleeping = new Sema(), done = new Sema();
    Gort.go(() -> {
        Gort.lockOSThread();
        lockedNow.set(1);
        lockedM[0] = Gort.getg().m;
        for (int i = 0; i < 20; i++) {
            Sema.semrelease(ping);
            Sema.semacquire(pong);          // parks: its M hands the P on and waits
            lockedOn.add(Gort.getg().m);
            if (i == 10) Sema.semrelease(sleeping);
            Gort.sleep(i == 10 ? 5_000_000 : 100_000); // 0.1 ms; 5 ms while main looks
            lockedOn.add(Gort.getg().m);
        }
        lockedNow.set(0);
        Sema.semrelease(done);
        // returns still locked: goexit ends the M's thread (mexit)
    });
    Gort.go(() -> {
        for (int i = 0; i < 20; i++) {
            Sema.semacquire(ping);
            Sema.semrelease(pong);
        }
    });
    Sema.semacquire(sleeping);
    header[0] = Gort.stack(true).lines().filter(l -> l.contains("locked to thread")).findFirst().orElse("none");
    for (int i = 0; i < 200; i++) {
        Gort.go(() -> {
            if (lockedNow.get() == 1) othersOn.add(Gort.getg().m);
            Sema.semrelease(done);
        });
    }
    for (int i = 0; i < 201; i++) Sema.semacquire(done);
    msBefore[0] = rt.sched.mcount();
    Gort.sleep(1_000_000);                  // let the locked goroutine finish exiting
});
Set<String> others = new TreeSet<>();
othersOn.forEach(m -> others.add(m.toString()));
System.out.printf("locked goroutine ran on %s through 20 parks and 20 sleeps; one M only: %s%n", lockedM[0],
        lockedOn.size() == 1 && lockedOn.contains(lockedM[0]) ? "yes" : "no");
System.out.printf("while it was locked the other goroutines ran on %s; on %s: %s%n", others, lockedM[0],
        othersOn.contains(lockedM[0]) ? "yes" : "no");
System.out.println("its header in Gort.stack(true) while it sleeps: " + header[0]);
System.out.printf("it exited locked: %s's thread ended: %s; Ms: %d (%d started)%n", lockedM[0],
        lockedM[0].exited ? "yes" : "no", rt.sched.mcount(), rt.stats().msStarted());
/exit lockedOn.size() == 1 && !othersOn.contains(lockedM[0]) && lockedM[0].exited ? 0 : 1
