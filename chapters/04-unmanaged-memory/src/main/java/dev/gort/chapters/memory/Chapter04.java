package dev.gort.chapters.memory;

import java.util.List;

import dev.gort.runtime.Config;
import dev.gort.runtime.part.Parts;

/**
 * Chapter 04's wiring: your sysAlloc family, persistentalloc, fixalloc and linearAlloc, plugged
 * into an otherwise reference runtime. Not a file you edit.
 *
 * <p>Each exercise is tested on its own: {@link #parts(String)} is the reference runtime with only
 * that exercise's part yours, so your fixalloc carves its chunks from the reference
 * persistentalloc until you have written yours. {@link #parts()} plugs in all of your parts at
 * once: for experiments, and the end-to-end run once every exercise passes.
 */
public final class Chapter04 {
    /** The chapter's exercises, in the order the book takes them (as in chapter.properties). */
    public static final List<String> EXERCISES =
            List.of("sysmem", "persistentalloc", "fixalloc", "linearalloc");

    private Chapter04() {}

    /** All the parts this chapter rebuilds, yours; every other part is the reference. */
    public static Parts parts() {
        return Parts.reference().sysmem(SysMem::new).persistentalloc(PersistentAlloc::new)
                .fixalloc(FixAlloc::new).linearalloc(LinearAlloc::new);
    }

    /**
     * The reference runtime with only {@code exercise}'s part yours.
     *
     * @throws IllegalArgumentException if {@code exercise} is not one of {@link #EXERCISES}
     */
    public static Parts parts(String exercise) {
        Parts reference = Parts.reference();
        return switch (exercise == null ? "" : exercise) {
            case "sysmem" -> reference.sysmem(SysMem::new);
            case "persistentalloc" -> reference.persistentalloc(PersistentAlloc::new);
            case "fixalloc" -> reference.fixalloc(FixAlloc::new);
            case "linearalloc" -> reference.linearalloc(LinearAlloc::new);
            default -> throw new IllegalArgumentException("chapter 04 has no exercise '" + exercise
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
