package dev.gort.grader.engine;

/** How a graded test ended, in the words the reports use. */
public enum Status {
    /** Passed: earns its points. */
    PASSED("passed"),
    /** An assertion or an exception from the student's code. */
    FAILED("failed"),
    /** The student's code still throws the stub's {@code Todo}. */
    TODO("todo"),
    /** Ran longer than the per-test limit (a loop or a deadlock); its JVM was stopped. */
    TIMEOUT("timeout"),
    /** The test's JVM died under it: System.exit, out of memory, or a crash. */
    CRASHED("crashed"),
    /** The student's file did not compile, so the exercise was graded on the untouched stub. */
    COMPILE_ERROR("compile error"),
    /**
     * The bytecode check refused the exercise's code (it reaches the reference, reflection,
     * threads, processes, files, ...): scores 0 whatever the test did.
     */
    REFUSED("refused"),
    /** Never started: the submission's time budget ran out first, or the run could not start. */
    NOT_RUN("not run"),
    /** Disabled or aborted by an assumption: earns nothing, counts as not done. */
    SKIPPED("skipped");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
