//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// getg() on the system stack is g0, and getg().m.curg is the user goroutine; g0's stack is fixed:
// overflowing it is "morestack on g0"; system-stack code on a user stack is refused.
//
//   ./jbang chapters/02-stacks/experiments/system-stack.jsh
//
// Book: chapter 2, "User stacks and system stacks" and "Frames and the prologue".

import dev.gort.runtime.*;
import dev.gort.runtime.stack.*;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

// With -Dgort.parts=chapter (and the chapter's classes on --cp), boot with your parts.
Config withParts(Config c) {
    String chapter = "dev.gort.chapters.stacks.Chapter02";
    if (!"chapter".equals(System.getProperty("gort.parts"))) return c;
    try {
        Object parts = Class.forName(chapter).getMethod("parts").invoke(null);
        return (Config) Config.class.getMethod("parts", parts.getClass()).invoke(c, parts);
    } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-Dgort.parts=chapter needs " + chapter + " on the class path"
                + " (./jbang --cp target/gort/check/02-stacks/classes ..., after ./workbook check 02): " + e, e);
    }
}

Func F = Func.of("main.f", 6);
void f(int n) { int fr = Frame.enter(F); if (n > 0) f(n - 1); Frame.leave(fr); }
List<String> out = new ArrayList<>();
Gort.boot(withParts(Config.defaults().gomaxprocs(1)).simulated(1)).run(() -> {
    G user = Gort.getg();
    out.add("on the user stack: getg() == getg().m.curg: " + (Gort.getg() == Gort.getg().m.curg));
    Switch.systemstack(() -> {
        G g = Gort.getg();
        out.add("on the system stack: getg() is g0: " + (g == g.m.g0) + ", getg().m.curg is the user G: " + (g.m.curg == user));
        f(100);
        out.add("g0's stack after 101 frames: " + (g.stackHi - g.stackLo) + " bytes (fixed)");
    });
});
ByteArrayOutputStream err = new ByteArrayOutputStream();
try {
    Gort.boot(withParts(Config.defaults().gomaxprocs(1)).stderr(new PrintStream(err)).simulated(1))
            .run(() -> Switch.systemstack(() -> f(1000)));
} catch (FatalError e) {
    out.add("1001 frames on g0: fatal error: " + e.getMessage());
}
out.forEach(System.out::println);
/exit out.size() == 4 ? 0 : 1
