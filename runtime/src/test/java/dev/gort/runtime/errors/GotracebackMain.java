package dev.gort.runtime.errors;

import dev.gort.runtime.FatalError;

/** A process for GotracebackTest: the scene with GOTRACEBACK from the environment; prints the report. */
public final class GotracebackMain {
    private GotracebackMain() {}

    public static void main(String[] args) {
        FatalError e = GotracebackTest.scene(null, 1);
        System.out.print(e.output());
    }
}
