package dev.gort.chapters.stacks;

import java.util.List;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 02's wiring: your stackalloc, newstack, copystack and shrinkstack, plugged into an
 * otherwise reference runtime. Not a file you edit.
 *
 * <p>Each exercise is tested on its own: {@link #parts(String)} is the reference runtime with only
 * that exercise's part yours, so your newstack grows stacks with the reference copystack until you
 * have written yours. {@link #parts()} plugs in all of your parts at once.
 */
public final class Chapter02 {
    /** The chapter's exercises, in the order the book takes them (as in chapter.properties). */
    public static final List<String> EXERCISES = List.of("stackalloc", "newstack", "copystack", "shrinkstack");

    private Chapter02() {}

    /** All the parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().stackalloc(StackAlloc::new).newstack(new NewStack())
                .copystack(new CopyStack()).shrinkstack(new ShrinkStack());
    }

    /**
     * The reference runtime with only {@code exercise}'s part yours.
     *
     * @throws IllegalArgumentException if {@code exercise} is not one of {@link #EXERCISES}
     */
    public static Parts parts(String exercise) {
        Parts reference = Parts.reference();
        return switch (exercise == null ? "" : exercise) {
            case "stackalloc" -> reference.stackalloc(StackAlloc::new);
            case "newstack" -> reference.newstack(new NewStack());
            case "copystack" -> reference.copystack(new CopyStack());
            case "shrinkstack" -> reference.shrinkstack(new ShrinkStack());
            default -> throw new IllegalArgumentException("chapter 02 has no exercise '" + exercise
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
