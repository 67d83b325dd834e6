package dev.gort.grader.engine;

/**
 * One graded test (a test method; a parameterized or repeated method counts as one) after a run.
 *
 * @param uid         JUnit's unique id, stable across runs (used to re-run what was not reached)
 * @param className   the test class's fully qualified name
 * @param method      the test method's name
 * @param displayName JUnit's display name
 * @param exercise    the exercise it counts towards ("" if none)
 * @param maxPoints   what it is worth (0: informational)
 * @param visible     true for the chapter's visible tests, false for the hidden suite
 * @param status      how it ended
 * @param message     what went wrong, in the student's terms ("" when passed)
 * @param detail      where (a short stack, the compiler's errors), may be ""
 * @param output      what the test printed (capped)
 * @param millis      how long it ran
 */
public record TestResult(
        String uid, String className, String method, String displayName, String exercise,
        double maxPoints, boolean visible, Status status, String message, String detail,
        String output, long millis) {

    public double score() {
        return status == Status.PASSED ? maxPoints : 0;
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** {@code RunQueueTest.putThenGet}: short enough for a table. */
    public String shortName() {
        return className.substring(className.lastIndexOf('.') + 1) + "." + method;
    }

    /** {@code RunQueueTest#putThenGet}: what {@code ./workbook replay} accepts. */
    public String selector() {
        return className.substring(className.lastIndexOf('.') + 1) + "#" + method;
    }

    public TestResult with(Status s, String msg, String det) {
        return new TestResult(uid, className, method, displayName, exercise, maxPoints, visible, s,
                msg, det, output, millis);
    }
}
