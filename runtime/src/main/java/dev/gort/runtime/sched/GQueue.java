package dev.gort.runtime.sched;

import dev.gort.runtime.G;

/**
 * A FIFO of Gs linked through {@link G#schedlink}, with its length: Go's {@code gQueue} as used for
 * the global run queue ({@code sched.runq}). Not thread-safe: the global queue is guarded by
 * {@code sched.lock}; {@link #size} may be read without it as a hint.
 */
public final class GQueue {
    private G head;
    private G tail;
    private volatile int size; // written under the owner's lock; read racily as a hint

    public boolean empty() {
        return head == null;
    }

    public int size() {
        return size;
    }

    /** Adds gp at the tail. */
    public void pushBack(G gp) {
        gp.schedlink = null;
        if (tail != null) {
            tail.schedlink = gp;
        } else {
            head = gp;
        }
        tail = gp;
        size++;
    }

    /** Adds gp at the head. */
    public void push(G gp) {
        gp.schedlink = head;
        head = gp;
        if (tail == null) {
            tail = gp;
        }
        size++;
    }

    /** Adds n Gs already linked from first to last at the tail. */
    public void pushBackAll(G first, G last, int n) {
        last.schedlink = null;
        if (tail != null) {
            tail.schedlink = first;
        } else {
            head = first;
        }
        tail = last;
        size += n;
    }

    /** Removes and returns the head, or null. */
    public G pop() {
        G gp = head;
        if (gp != null) {
            head = gp.schedlink;
            if (head == null) {
                tail = null;
            }
            gp.schedlink = null;
            size--;
        }
        return gp;
    }
}
