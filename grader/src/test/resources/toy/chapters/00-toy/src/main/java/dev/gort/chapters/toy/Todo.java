package dev.gort.chapters.toy;

/** The toy chapter's stand-in for the runtime's Todo: what a stub throws. */
public final class Todo extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Todo(String exercise, String task, String bookRef) {
        super("TODO " + exercise + ": " + task + " (book: " + bookRef + ")");
    }
}
