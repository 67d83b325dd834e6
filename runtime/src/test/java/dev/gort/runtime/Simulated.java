package dev.gort.runtime;

import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.os.SimOs;

/** Test support for runs on the simulated OS: booting one, and blocking an M inside it. */
public final class Simulated {
    private Simulated() {}

    /** A quiet runtime on the simulated OS with {@code procs} Ps and this seed. */
    public static Gort boot(int procs, long seed) {
        return Gort.boot(Config.defaults().gomaxprocs(procs).stderr(Goroutines.quiet()).simulated(seed));
    }

    /** The simulated OS of {@code rt}. */
    public static SimOs os(Gort rt) {
        return (SimOs) rt.os;
    }

    /**
     * A gate that blocks the calling M in the OS (a futex sleep) until another goroutine opens it:
     * what a blocking system call does to its thread, on either OS. Use inside Gort.syscall.
     */
    public static final class Gate {
        private final Uint32 open = new Uint32();

        /** Blocks the calling thread until {@link #open}. */
        public void await() {
            Gort rt = Gort.current();
            while (open.load() == 0) {
                rt.os.futexsleep(open, 0, -1);
            }
        }

        public void open() {
            open.store(1);
            Gort.current().os.futexwakeup(open, Integer.MAX_VALUE);
        }
    }
}
