package dev.gort.chapters.zeroing;

import java.util.List;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 05's wiring: your write barrier, zeroing, sweeper and marking, plugged into an otherwise
 * reference runtime with a real collector. Not a file you edit.
 *
 * <p>Each exercise is tested on its own: {@link #parts(String)} is the reference runtime with only
 * that exercise's part yours. {@link #parts()} plugs in all of your parts at once: for experiments,
 * and the end-to-end run once every exercise passes.
 */
public final class Chapter05 {
    /** The chapter's exercises, in the order the book takes them (as in chapter.properties). */
    public static final List<String> EXERCISES = List.of("writebarrier", "memclr", "sweep", "markroot");

    private Chapter05() {}

    /** All the parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().writebarrier(WriteBarrier::new).memclr(Zeroing::new)
                .sweep(Sweeper::new).markroot(Markroot::new);
    }

    /**
     * The reference runtime with only {@code exercise}'s part yours.
     *
     * @throws IllegalArgumentException if {@code exercise} is not one of {@link #EXERCISES}
     */
    public static Parts parts(String exercise) {
        Parts reference = Parts.reference();
        return switch (exercise == null ? "" : exercise) {
            case "writebarrier" -> reference.writebarrier(WriteBarrier::new);
            case "memclr" -> reference.memclr(Zeroing::new);
            case "sweep" -> reference.sweep(Sweeper::new);
            case "markroot" -> reference.markroot(Markroot::new);
            default -> throw new IllegalArgumentException("chapter 05 has no exercise '" + exercise
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
