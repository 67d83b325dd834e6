//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// All goroutines are asleep.
//
//   ./jbang chapters/03-synchronization/experiments/deadlock.jsh
//
// The main goroutine parks with nobody to ready it. Its M finds nothing to run and goes idle
// (stopm); checkdead sees that no M is running and no goroutine can ever run again, and the
// runtime dies with Go's message instead of hanging. Book: chapter 1, "Idle Ms, and when nothing
// can ever run", and chapter 3, "Parking and readying goroutines".

import dev.gort.runtime.*;
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

ByteArrayOutputStream err = new ByteArrayOutputStream();
String died = "did not die";
try {
    Gort.boot(withParts(Config.defaults().gomaxprocs(2)).stderr(new PrintStream(err, true)))
        .run(() -> Gort.gopark(null, null, WaitReason.CHAN_RECEIVE)); // wait for ever
} catch (FatalError e) {
    died = "died";
}
System.out.println("main parked with nobody to ready it; the runtime " + died + ", printing:");
for (String l : err.toString().lines().filter(l -> l.startsWith("fatal error:") || l.startsWith("goroutine ")).limit(2).toList()) {
    System.out.println("  " + l);
}
/exit died.equals("died") ? 0 : 1
