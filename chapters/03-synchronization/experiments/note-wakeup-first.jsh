//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A note woken before anyone sleeps on it.
//
//   ./jbang chapters/03-synchronization/experiments/note-wakeup-first.jsh
//
// notewakeup leaves the note's key at 1, so a sleep that comes later returns at once: there is
// no lost wakeup, whichever side comes first. A second wakeup without noteclear is a bug, and
// the runtime dies of it with Go's message. Book: chapter 3, "Notes: one-shot events".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Note;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

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

String fatalLine(ByteArrayOutputStream err) {
    return err.toString().lines().filter(l -> l.startsWith("fatal error:")).findFirst().orElse("(none)");
}

// Wakes n and then sleeps on it, `times` times; returns whether every sleep saw the wakeup.
boolean wakeThenSleep(Note n, int times) {
    boolean all = true;
    for (int i = 0; i < times; i++) {
        Note.notewakeup(n);                  // the event happens first...
        all &= Note.notetsleepg(n, -1);      // ...and the sleep that comes after returns at once
        Note.noteclear(n);                   // ready for the next use
    }
    return all;
}

// The first 10,000 pairs warm up the JIT and are not timed; the figure is the mean of the next 10,000.
int pairs = 10_000;
boolean[] woke = new boolean[1];
long[] ns = new long[1];
Gort.boot(withParts(Config.defaults().gomaxprocs(2))).run(() -> {
    Note n = new Note();
    boolean warm = wakeThenSleep(n, pairs);
    long t0 = System.nanoTime();
    woke[0] = warm && wakeThenSleep(n, pairs);
    ns[0] = (System.nanoTime() - t0) / pairs;
});
System.out.printf("notewakeup, then notetsleepg: woken=%s every time (the wakeup was kept, not lost)%n",
        woke[0]);
System.out.printf("  each such sleep returned after about %d ns (the mean of %d timed pairs, after %d untimed"
        + " ones that warm up the JIT): it never waited%n", ns[0], pairs, pairs);

ByteArrayOutputStream err = new ByteArrayOutputStream();
String died = "did not die";
try {
    Gort.boot(withParts(Config.defaults().gomaxprocs(1)).stderr(new PrintStream(err, true))).run(() -> {
        Note n = new Note();
        Note.notewakeup(n);
        Note.notewakeup(n); // no noteclear in between
    });
} catch (FatalError e) {
    died = "died";
}
System.out.printf("two wakeups without noteclear: the runtime %s with \"%s\"%n", died, fatalLine(err));
/exit woke[0] && died.equals("died") ? 0 : 1
