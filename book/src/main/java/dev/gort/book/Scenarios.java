package dev.gort.book;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.trace.TraceEvent;
import dev.gort.runtime.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The programs behind the book's figures. Each boots a runtime with tracing on, runs a few
 * goroutines that make one scheduler behaviour happen, and returns the trace.
 */
public final class Scenarios {
    private Scenarios() {}

    /**
     * A scenario's trace, the window of it worth drawing, the question its figure asks the reader,
     * and the stretches in which an M slept holding its P (the trace has no event for those).
     */
    public record Run(String name, List<TraceEvent> events, long from, long to, long seed, String question,
            List<Timeline.Sleep> sleeps) {}

    /** Every figure the book shows, by file name (without .svg). */
    public static final List<String> NAMES = List.of("steal", "syscall-handoff", "pingpong",
            "mutex-blocks-p", "park-frees-p", "gc-cycle");

    /** Figures the book asks the reader to compare: each is drawn on the time scale of the longest. */
    static final List<List<String>> SAME_SCALE = List.of(List.of("mutex-blocks-p", "park-frees-p"));

    /** The figures drawn on the same time scale as {@code name}, itself included. */
    static List<String> sameScale(String name) {
        return SAME_SCALE.stream().filter(g -> g.contains(name)).findFirst().orElse(List.of(name));
    }

    public static Run run(String name) {
        return switch (name) {
            case "steal" -> steal();
            case "syscall-handoff" -> syscallHandoff();
            case "pingpong" -> pingpong();
            case "mutex-blocks-p" -> waitBesideWork(true);
            case "park-frees-p" -> waitBesideWork(false);
            case "gc-cycle" -> gcCycle();
            default -> throw new IllegalArgumentException("no scenario named " + name);
        };
    }

    /** The first seed tried for every figure; the book's figures depend only on it. */
    static final long FIRST_SEED = 1;
    /** How many seeds a scenario may try before the build gives up on it. */
    static final int SEEDS = 50;

    static Config config(int procs) {
        return Config.defaults().gomaxprocs(procs).tracing(true).name("figure");
    }

    /**
     * Runs {@code main} in a traced runtime on the simulated OS and returns the trace from main's
     * first {@code go} statement on. The simulated OS makes the run, and so the figure, the same
     * on every build and every machine. Seeds are tried in order from {@link #FIRST_SEED} until a
     * run shows what the figure is about ({@code shows}); not every interleaving does (on one
     * seed the thief may simply be late), and the caption must be true of the picture.
     */
    static Run trace(String name, String question, Config config, Predicate<List<TraceEvent>> shows,
            BiConsumer<Gort, List<Timeline.Sleep>> main) {
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            Gort rt = Gort.boot(config.simulated(seed));
            List<Timeline.Sleep> sleeps = new ArrayList<>();
            rt.run(() -> main.accept(rt, sleeps));
            List<TraceEvent> events = rt.tracer().events();
            if (!shows.test(events)) {
                continue;
            }
            long from = 0;
            for (TraceEvent e : events) {
                if (e.type() == Tracer.GO_CREATE && e.g() != 1) { // main's first go statement
                    from = Math.max(0, e.ts() - 20_000);
                    break;
                }
            }
            long to = events.isEmpty() ? 1 : events.get(events.size() - 1).ts() + 1;
            return new Run(name, events, from, to, seed, question, List.copyOf(sleeps));
        }
        throw new IllegalStateException("figure " + name + ": no seed in [" + FIRST_SEED + ", "
                + (FIRST_SEED + SEEDS) + ") shows what its caption says; check the scenario");
    }

    static boolean has(List<TraceEvent> events, int type) {
        return events.stream().anyMatch(e -> e.type() == type);
    }

    /** The P that goroutine g first started on, or -1. */
    static int firstP(List<TraceEvent> events, long g) {
        return events.stream().filter(e -> e.type() == Tracer.GO_START && e.g() == g)
                .mapToInt(TraceEvent::p).findFirst().orElse(-1);
    }

    private static long firstStart(List<TraceEvent> events, long g) {
        return events.stream().filter(e -> e.type() == Tracer.GO_START && e.g() == g)
                .mapToLong(TraceEvent::ts).findFirst().orElse(Long.MAX_VALUE);
    }

    /** Runs for about {@code micros} of the runtime's time, as a goroutine doing work would. */
    static void work(Gort rt, long micros) {
        long until = rt.os.nanotime() + micros * 1000;
        while (rt.os.nanotime() < until) {
            Gort.checkPreempt();
            Thread.onSpinWait();
        }
    }

    /**
     * Work stealing: main makes eight goroutines on P0; the M that wakep starts for P1 finds P0's
     * queue full and takes half of it.
     */
    static Run steal() {
        return trace("steal", "Watch P1: where do the goroutines it runs come from?", config(2),
                ev -> has(ev, Tracer.STEAL), (rt, sleeps) -> {
            Sema done = new Sema();
            int n = 8;
            for (int i = 0; i < n; i++) {
                Gort.go(() -> {
                    work(rt, 300);
                    Sema.semrelease(done);
                });
            }
            for (int i = 0; i < n; i++) {
                Sema.semacquire(done);
            }
        });
    }

    /**
     * A syscall handing off its P: with one P, G4 blocks in a long system call; sysmon retakes the
     * P and hands it to another M, which runs G2 and G3 meanwhile.
     */
    static Run syscallHandoff() {
        return trace("syscall-handoff", "Watch P0 while G4 is in its system call: who runs on it?",
                config(1), ev -> has(ev, Tracer.HANDOFF), (rt, sleeps) -> {
            Sema done = new Sema();
            for (int i = 0; i < 2; i++) {
                Gort.go(() -> {
                    work(rt, 700);
                    Sema.semrelease(done);
                });
            }
            Gort.go(() -> { // created last, so it runs first (runnext)
                Gort.syscall(() -> rt.os.usleep(3000)); // a 3 ms blocking call
                work(rt, 200);
                Sema.semrelease(done);
            });
            for (int i = 0; i < 3; i++) {
                Sema.semacquire(done);
            }
        });
    }

    /**
     * Park/ready ping-pong: two goroutines on one P take turns, each readying the other and then
     * parking; the readied one runs next from runnext.
     */
    /**
     * Chapter 5: a mutator allocating and relinking a list on each of two Ps while main asks for
     * a collection. The Gs created at "mark begins" are the mark workers, one per P.
     */
    static Run gcCycle() {
        return trace("gc-cycle", "Watch the two stops of the world, and the mark workers between them:"
                + " what runs beside them?", config(2), ev -> has(ev, Tracer.GC_DONE), (rt, sleeps) -> {
            dev.gort.runtime.gc.Heap heap = rt.heap;
            dev.gort.runtime.gc.Type node = new dev.gort.runtime.gc.Type("node", 24, 0);
            Sema done = new Sema();
            for (int m = 0; m < 2; m++) {
                Gort.go(() -> {
                    heap.locals.set(0, 0);
                    for (int i = 0; i < 3000; i++) {
                        long x = heap.newobject(node);
                        if (i % 3 == 0) {
                            heap.barrier.writePointer(x, heap.locals.get(0));
                            heap.locals.set(0, x);
                        }
                        if (i % 500 == 499) {
                            Gort.gosched();
                        }
                    }
                    Sema.semrelease(done);
                });
            }
            Gort.gosched();
            Gort.gc();
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
    }

    static Run pingpong() {
        return trace("pingpong", "Watch the one P: how do two goroutines take turns on it?",
                config(1), ev -> true, (rt, sleeps) -> {
            Sema ping = new Sema();
            Sema pong = new Sema();
            Sema done = new Sema();
            int rounds = 5;
            Gort.go(() -> {
                for (int i = 0; i < rounds; i++) {
                    Sema.semacquire(ping);
                    work(rt, 60);
                    Sema.semrelease(pong);
                }
                Sema.semrelease(done);
            });
            Gort.go(() -> {
                for (int i = 0; i < rounds; i++) {
                    work(rt, 60);
                    Sema.semrelease(ping);
                    Sema.semacquire(pong);
                }
                Sema.semrelease(done);
            });
            Sema.semacquire(done);
            Sema.semacquire(done);
        });
    }

    /**
     * A wait beside runnable work, on two Ps. G2 takes a lock and holds it for 2 ms of work on one
     * P. Main, on the other P, makes three short goroutines (they queue on its P) and then waits
     * for the lock. With a runtime mutex main's M sleeps in the futex holding its P, so the three
     * wait too; with a park (a semaphore) main leaves its P and they run at once.
     */
    static Run waitBesideWork(boolean mutex) {
        String name = mutex ? "mutex-blocks-p" : "park-frees-p";
        // Main must wait on the other P than G2's, or the figure shows nothing but a queue.
        Predicate<List<TraceEvent>> apart = ev -> firstP(ev, 2) >= 0
                && ev.stream().anyMatch(e -> e.type() == Tracer.GO_START && e.g() == 1
                        && e.p() != firstP(ev, 2) && e.ts() > firstStart(ev, 2));
        // The holder signals with a semaphore while it holds the mutex, which Go's lock ranks
        // forbid (a semaphore's root lock may not follow any lock): this scenario shows what a
        // held mutex blocks, so its locks are not checked.
        String question = "Watch main's P while main waits " + (mutex ? "for a runtime mutex" : "parked")
                + ": does anything else run on it?";
        return trace(name, question, config(2).checkLocks(false), apart, (rt, sleeps) -> {
            Mutex mu = new Mutex();
            long[] asleepSince = {-1};     // when G2 first saw a sleeper's mark on the key
            Sema released = new Sema();
            // G2 says it holds the lock through a plain flag, not a semaphore: a semrelease
            // while holding a runtime mutex would take the semaphore's lock under it.
            java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();
            Sema done = new Sema();
            Gort.go(() -> {
                if (mutex) {
                    Mutex.lock(mu);
                }
                taken.set(true);
                // Holding a runtime mutex, a G can neither park nor be preempted: it spins,
                // watching the key. mutex_sleeping (2) there means main's M has given up
                // spinning and is going to sleep in the futex.
                long until = rt.os.nanotime() + 2_000_000;
                while (rt.os.nanotime() < until) {
                    if (mutex && asleepSince[0] < 0 && mu.key.load() == 2) {
                        asleepSince[0] = rt.os.nanotime();
                    }
                    Thread.onSpinWait();
                }
                if (mutex) {
                    Mutex.unlock(mu);
                } else {
                    Sema.semrelease(released);
                }
                Sema.semrelease(done);
            });
            while (!taken.get()) {
                Gort.gosched();
            }
            for (int i = 0; i < 3; i++) {
                Gort.go(() -> {
                    work(rt, 250);
                    Sema.semrelease(done);
                });
            }
            if (mutex) {
                M mp = Switch.getm();
                Mutex.lock(mu);   // sleeps the M, with this G and its P
                if (asleepSince[0] >= 0) {
                    sleeps.add(new Timeline.Sleep(mp.id, mp.p.id, asleepSince[0], rt.os.nanotime(),
                            "M" + mp.id + " asleep in futexsleep, holding P" + mp.p.id
                                    + " with main still attached"));
                }
                Mutex.unlock(mu);
            } else {
                Sema.semacquire(released); // parks only this G
            }
            work(rt, 100);
            for (int i = 0; i < 4; i++) {
                Sema.semacquire(done);
            }
        });
    }
}
