package dev.gort.runtime.part;

/**
 * Thrown by a part's stub where the student has not written the code yet. Its message says what to
 * write and where the book explains it.
 */
public final class Todo extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String exercise;

    /**
     * @param exercise the exercise (and method) the stub belongs to, e.g. {@code runqget}
     * @param task     what to implement, in one or two sentences
     * @param bookRef  where the book explains it, e.g. {@code scheduler#runqget}
     */
    public Todo(String exercise, String task, String bookRef) {
        super("TODO " + exercise + ": " + task + " (book: " + bookRef + ")");
        this.exercise = exercise;
    }

    public String exercise() {
        return exercise;
    }
}
