package dev.gort.chapters.toy;

/** The toy chapter's wiring: the student's parts. Not a student file. */
public final class Chapter00 {
    private Chapter00() {}

    public static Adder adder() {
        return new Adder();
    }
}
