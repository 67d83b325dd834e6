//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A runtime mutex holds its P; a parked goroutine does not.
//
//   ./jbang chapters/03-synchronization/experiments/mutex-holds-p.jsh
//
// Two Ps. G "holder" takes something and works for 5 ms on one P. G "waiter", on the other P,
// starts three short goroutines (they queue on its own P) and then waits for the holder: once on
// a runtime mutex, once parked on a semaphore. How many of the three run during the wait? The
// runs use the simulated OS, so they are the same every time; -Dseed=N picks another seed.
// Book: chapter 3, "What each way of waiting blocks".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Sema;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

// How many of the waiter's three queued goroutines ran while it waited; -1 if, in this
// interleaving, the holder and the waiter shared a P (which shows nothing).
int during(boolean mutex, long seed) {
    // The holder releases a semaphore while it holds the mutex, which Go's lock ranks forbid
    // (semaRoot.lock under a leaf lock): this demonstration runs with the rank checks off.
    Gort rt = Gort.boot(withParts(Config.defaults().gomaxprocs(2)).simulated(seed).checkLocks(false));
    Mutex mu = new Mutex();
    Sema released = new Sema(), taken = new Sema(), done = new Sema();
    AtomicBoolean over = new AtomicBoolean();
    AtomicInteger ran = new AtomicInteger();
    int[] ps = new int[2];
    rt.run(() -> {
        Gort.go(() -> { // holder
            if (mutex) Mutex.lock(mu);
            Sema.semrelease(taken);
            ps[0] = Gort.getg().m.p.id;
            long end = rt.os.nanotime() + 5_000_000;
            while (rt.os.nanotime() < end) Thread.onSpinWait(); // holding a mutex: no parking
            over.set(true);
            if (mutex) Mutex.unlock(mu); else Sema.semrelease(released);
            Sema.semrelease(done);
        });
        Sema.semacquire(taken); // main is the waiter
        ps[1] = Gort.getg().m.p.id;
        for (int i = 0; i < 3; i++) {
            Gort.go(() -> {
                if (!over.get()) ran.incrementAndGet();
                Sema.semrelease(done);
            });
        }
        if (mutex) { Mutex.lock(mu); Mutex.unlock(mu); } else Sema.semacquire(released);
        for (int i = 0; i < 4; i++) Sema.semacquire(done);
    });
    return ps[0] == ps[1] ? -1 : ran.get();
}

long seed = Long.getLong("seed", 1);
int m = -1, p = -1;
for (long s = seed; m < 0 && s < seed + 50; s++) m = during(true, s);
for (long s = seed; p < 0 && s < seed + 50; s++) p = during(false, s);
System.out.printf("waiting on a runtime mutex: %d of 3 goroutines queued on the waiter's P ran during the wait%n", m);
System.out.printf("waiting parked on a semaphore: %d of 3 ran during the wait%n", p);
System.out.println(m == 0 && p == 3 ? "so: the mutex held the P; the park left it to others" : "unexpected: see the book's table");
/exit m == 0 && p == 3 ? 0 : 1
