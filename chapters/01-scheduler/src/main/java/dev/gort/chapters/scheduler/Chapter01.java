package dev.gort.chapters.scheduler;

import java.util.List;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 01's wiring: your run queue, free-G cache, findRunnable and syscall policy, plugged into
 * an otherwise reference runtime. Not a file you edit.
 *
 * <p>Each exercise is tested on its own: {@link #parts(String)} is the reference runtime with only
 * that exercise's part yours, so a student who has done only {@code gfree} sees their free-G cache
 * reuse real goroutines while the run queue, findRunnable and syscalls stay the runtime's.
 * {@link #parts()} plugs in all of your parts at once: for experiments, and the end-to-end run once
 * every exercise passes.
 */
public final class Chapter01 {
    /** The chapter's exercises, in the order the book takes them (as in chapter.properties). */
    public static final List<String> EXERCISES = List.of("runq", "gfree", "findrunnable", "syscalls");

    private Chapter01() {}

    /** All the parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().runq(RunQueue::new).gfree(GFree::new)
                .findRunnable(new FindRunnable()).syscall(new Syscalls());
    }

    /**
     * The reference runtime with only {@code exercise}'s part yours.
     *
     * @throws IllegalArgumentException if {@code exercise} is not one of {@link #EXERCISES}
     */
    public static Parts parts(String exercise) {
        Parts reference = Parts.reference();
        return switch (exercise == null ? "" : exercise) {
            case "runq" -> reference.runq(RunQueue::new);
            case "gfree" -> reference.gfree(GFree::new);
            case "findrunnable" -> reference.findRunnable(new FindRunnable());
            case "syscalls" -> reference.syscall(new Syscalls());
            default -> throw new IllegalArgumentException("chapter 01 has no exercise '" + exercise
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
