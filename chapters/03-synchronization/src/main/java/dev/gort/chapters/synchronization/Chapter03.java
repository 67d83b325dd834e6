package dev.gort.chapters.synchronization;

import java.util.List;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 03's wiring: your mutex, notes, parking and rwmutex, plugged into an otherwise reference
 * runtime. Not a file you edit.
 *
 * <p>Each exercise is tested on its own: {@link #parts(String)} is the reference runtime with only
 * that exercise's part yours, so a student who has done only {@code park} sees their gopark and
 * ready block and wake real goroutines while the mutex and notes stay the runtime's.
 * {@link #parts()} plugs in all of your parts at once: for experiments, and the end-to-end run once
 * every exercise passes.
 */
public final class Chapter03 {
    /** The chapter's exercises, in the order the book takes them (as in chapter.properties). */
    public static final List<String> EXERCISES = List.of("mutex", "note", "park", "rwmutex");

    private Chapter03() {}

    /** All the parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().mutex(new LockFutex()).note(new NoteFutex()).park(new Parking())
                .rwmutex(new RWMutexImpl());
    }

    /**
     * The reference runtime with only {@code exercise}'s part yours.
     *
     * @throws IllegalArgumentException if {@code exercise} is not one of {@link #EXERCISES}
     */
    public static Parts parts(String exercise) {
        Parts reference = Parts.reference();
        return switch (exercise == null ? "" : exercise) {
            case "mutex" -> reference.mutex(new LockFutex());
            case "note" -> reference.note(new NoteFutex());
            case "park" -> reference.park(new Parking());
            case "rwmutex" -> reference.rwmutex(new RWMutexImpl());
            default -> throw new IllegalArgumentException("chapter 03 has no exercise '" + exercise
                    + "': expected one of " + String.join(", ", EXERCISES));
        };
    }

    /** A runtime configuration with all your parts and {@code procs} Ps. */
    public static Config config(int procs) {
        return Config.defaults().gomaxprocs(procs).parts(parts());
    }

    /** A runtime configuration with only {@code exercise}'s part yours, and {@code procs} Ps. */
    public static Config config(String exercise, int procs) {
        return Config.defaults().gomaxprocs(procs).parts(parts(exercise));
    }
}
