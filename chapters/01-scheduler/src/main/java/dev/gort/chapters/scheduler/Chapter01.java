package dev.gort.chapters.scheduler;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 01's wiring: your run queue, free-G cache, findRunnable and syscall policy, plugged into
 * an otherwise reference runtime. Not a file you edit.
 */
public final class Chapter01 {
    private Chapter01() {}

    /** The parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().runq(RunQueue::new).gfree(new GFree())
                .findRunnable(new FindRunnable()).syscall(new Syscalls());
    }

    /** A runtime configuration with your parts and {@code procs} Ps. */
    public static Config config(int procs) {
        return Config.defaults().gomaxprocs(procs).parts(parts());
    }
}
