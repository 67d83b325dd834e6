package dev.gort.chapters.synchronization;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 03's wiring: your mutex, notes, parking and rwmutex, plugged into an otherwise reference
 * runtime. Not a file you edit.
 */
public final class Chapter03 {
    private Chapter03() {}

    /** The parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().mutex(new LockFutex()).note(new NoteFutex()).park(new Parking())
                .rwmutex(new RWMutexImpl());
    }

    /** A runtime configuration with your parts and {@code procs} Ps. */
    public static Config config(int procs) {
        return Config.defaults().gomaxprocs(procs).parts(parts());
    }
}
