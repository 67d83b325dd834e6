//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// One program dies at each GOTRACEBACK level: none, single (the default), all, system and crash.
// Goroutine 2 waits in a semaphore inside a frame of main.waiter; main panics inside main.f.
//
//   ./jbang chapters/02-stacks/experiments/gotraceback.jsh
//
// none prints only the panic; single adds the panicking goroutine, user frames only; all adds the
// other goroutines; system adds runtime frames, frame addresses (fp, sp) and goexit; crash prints
// what system does, then aborts (exit status 134 instead of 2). Outside jshell, the runtime reads
// GOTRACEBACK from the environment when Config.traceback is not set.
// Book: chapter 2, "throw, panic and fatal".

import dev.gort.runtime.*;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.*;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

Func F = Func.of("main.f", 2);
Func WAITER = Func.of("main.waiter", 2);

void waiter(AtomicBoolean entered) {
    int fr = Frame.enter(WAITER);
    try {
        entered.set(true); // with one P nothing else runs until it parks
        Sema.semacquire(new Sema()); // for good
    } finally {
        Frame.leave(fr);
    }
}

void f() {
    int fr = Frame.enter(F);
    try {
        throw Gort.panic("boom");
    } finally {
        Frame.leave(fr);
    }
}

int died = 0;
for (String level : List.of("none", "single", "all", "system", "crash")) {
    Config c = Config.defaults().gomaxprocs(1).simulated(1).traceback(level)
            .stderr(new PrintStream(new ByteArrayOutputStream()));
    try {
        Gort.boot(c).run(() -> {
            AtomicBoolean entered = new AtomicBoolean();
            Gort.go(() -> waiter(entered));
            while (!entered.get()) Gort.gosched();
            f();
        });
    } catch (FatalError e) {
        died++;
        System.out.println("=== GOTRACEBACK=" + level + ": " + e.output().lines().count() + " lines, exit status "
                + e.exitStatus());
        System.out.print(e.output());
    }
}
/exit died == 5 ? 0 : 1
