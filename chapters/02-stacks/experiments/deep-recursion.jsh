//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A recursion grows a goroutine's stack from 2 KB to 1 MB by copying, and every frame's pointer
// to its caller's variable survives each move; then a lowered limit ends it in a stack overflow.
//
//   ./jbang chapters/02-stacks/experiments/deep-recursion.jsh
//
// Each frame holds a value and a pointer to its caller's value (a pointer slot in its Func's
// map). On the way back every pointer is dereferenced: after 9 copies it still reaches the
// right variable. Book: chapter 2, "Copying: copystack and its pointer maps".

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

Func F = Func.of("main.f", 30, 1); // 248-byte frames
List<Long> sizes = new ArrayList<>();
int[] bad = new int[1];

void f(int caller, int n) {
    int fr = Frame.enter(F);
    Frame.put(fr, 0, n);
    if (caller != 0) Frame.put(fr, 1, Frame.addr(caller, 0));
    G gp = Gort.getg();
    long size = gp.stackHi - gp.stackLo;
    if (sizes.isEmpty() || sizes.get(sizes.size() - 1) != size) sizes.add(size);
    if (n > 0) f(fr, n - 1);
    if (caller != 0 && Frame.load(Frame.get(fr, 1)) != n + 1) bad[0]++;
    Frame.leave(fr);
}

Gort.boot(withParts(Config.defaults().gomaxprocs(1)).simulated(1)).run(() -> f(0, 3500));
System.out.println("stack sizes while 3501 frames of 248 bytes were entered: " + sizes);
System.out.println("pointers that no longer reached their caller's variable: " + bad[0]);

ByteArrayOutputStream err = new ByteArrayOutputStream();
String died = "";
try {
    Gort.boot(withParts(Config.defaults().gomaxprocs(1)).maxStackSize(1 << 20).stderr(new PrintStream(err))
            .simulated(1)).run(() -> f(0, 1 << 24));
} catch (FatalError e) {
    died = e.getMessage();
}
err.toString().lines().filter(l -> l.startsWith("runtime: goroutine") || l.startsWith("fatal error")).forEach(System.out::println);
/exit died.equals("stack overflow") && bad[0] == 0 ? 0 : 1
