package dev.gort.book;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chapter 2's GOTRACEBACK listings, made by running one program at each level on the simulated OS
 * while the book is built: goroutine 2 waits in a semaphore inside a frame of {@code main.waiter},
 * and main panics inside a frame of {@code main.f}. The chapter includes the generated partial.
 */
public final class Tracebacks {
    private Tracebacks() {}

    /** The levels shown, in order. */
    public static final List<String> LEVELS = List.of("none", "single", "all", "system");

    private static final Func F = Func.of("main.f", 2);
    private static final Func WAITER = Func.of("main.waiter", 2);

    /** An AsciiDoc partial: for each level, the program's output as a listing. */
    public static String asciidoc() {
        StringBuilder b = new StringBuilder();
        for (String level : LEVELS) {
            FatalError e = die(level);
            b.append(".GOTRACEBACK=").append(level).append(" (exit status ").append(e.exitStatus())
                    .append(")\n[listing]\n----\n").append(e.output()).append("----\n\n");
        }
        return b.toString();
    }

    /** The program, at one level; returns how it died. */
    static FatalError die(String level) {
        Config c = Config.defaults().gomaxprocs(1).simulated(1).traceback(level)
                .stderr(new PrintStream(new ByteArrayOutputStream()));
        try {
            Gort.boot(c).run(() -> {
                AtomicBoolean entered = new AtomicBoolean();
                Gort.go(() -> waiter(entered));
                while (!entered.get()) {
                    Gort.gosched();
                }
                f();
            });
        } catch (FatalError e) {
            return e;
        }
        throw new IllegalStateException("the GOTRACEBACK program did not die at level " + level);
    }

    private static void waiter(AtomicBoolean entered) {
        int fr = Frame.enter(WAITER);
        try {
            entered.set(true); // with one P nothing else runs until it parks
            Sema.semacquire(new Sema()); // for good
        } finally {
            Frame.leave(fr);
        }
    }

    private static void f() {
        int fr = Frame.enter(F);
        try {
            throw Gort.panic("boom");
        } finally {
            Frame.leave(fr);
        }
    }
}
