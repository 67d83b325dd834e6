//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A loop that only makes calls is preempted at a function prologue, as Go did before 1.14.
//
//   ./jbang chapters/02-stacks/experiments/call-loop-preemption.jsh
//
// One P. The main goroutine starts a goroutine that loops calling a function (Frame.enter and
// leave) until main tells it to stop, and yields. Only sysmon can give main its turn back: after
// 10 ms it sets the looping goroutine's stackguard0 to stackPreempt, and the next prologue traps
// into newstack, which puts it on the global run queue. Book: chapter 2, "Preemption at the
// prologue".

import dev.gort.runtime.*;
import dev.gort.runtime.stack.*;

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

Func F = Func.of("main.f", 2);
long[] calls = new long[1];
boolean[] stop = new boolean[1];
Gort.boot(withParts(Config.defaults().gomaxprocs(1)).simulated(1)).run(() -> {
    Gort.go(() -> {
        while (!stop[0]) {
            int f = Frame.enter(F);
            Frame.leave(f);
            calls[0]++;
        }
    });
    while (calls[0] == 0) Gort.gosched();
    stop[0] = true; // reached only because the loop was preempted at a prologue
});
System.out.println("main ran again after the loop made " + (calls[0] > 0 ? "some" : "no") + " calls: preempted at a prologue");
/exit calls[0] > 0 ? 0 : 1
