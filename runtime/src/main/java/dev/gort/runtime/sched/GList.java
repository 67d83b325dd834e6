package dev.gort.runtime.sched;

import dev.gort.runtime.G;

/**
 * A stack of Gs linked through {@link G#schedlink}: Go's {@code gList}. A G is on at most one list
 * or queue at a time. Not thread-safe: guarded by whoever owns the list (a P, or a lock).
 */
public final class GList {
    private G head;

    public boolean empty() {
        return head == null;
    }

    public void push(G gp) {
        gp.schedlink = head;
        head = gp;
    }

    /** Removes and returns the head, or null. */
    public G pop() {
        G gp = head;
        if (gp != null) {
            head = gp.schedlink;
            gp.schedlink = null;
        }
        return gp;
    }
}
