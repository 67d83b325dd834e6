package dev.gort.runtime.lock;

import dev.gort.runtime.Panic;

/**
 * The runtime locks an M holds, in the order it took them, when locks are checked: Go's
 * {@code m.locksHeld} and {@code m.locksHeldLen} (lockrank_on.go).
 *
 * <p>Owned by its M: only the M's own thread pushes and removes, in {@link Mutex#lock} and
 * {@link Mutex#unlock}; reports read it racily. Allocation-free after construction.
 */
public final class HeldLocks {
    /** Go: the length of {@code m.locksHeld}. */
    static final int MAX = 10;

    private final Mutex[] held = new Mutex[MAX];
    private int n;

    /** Records l as taken, after checking its rank against the last lock held (Go: lockWithRank). */
    void push(long mid, Mutex l) {
        if (n == MAX) {
            throw Panic.throw_("too many locks held concurrently for rank checking");
        }
        held[n++] = l;
        if (n > 1 && !l.rank().mayBeTakenHolding(held[n - 2].rank())) {
            Panic.print(mid + "  ======\n" + this);
            throw Panic.throw_("lock ordering problem");
        }
    }

    /** Forgets l (it need not be the last one taken); false if it was not held. */
    boolean remove(Mutex l) {
        for (int i = n - 1; i >= 0; i--) {
            if (held[i] == l) {
                System.arraycopy(held, i + 1, held, i, n - i - 1);
                held[--n] = null;
                return true;
            }
        }
        return false;
    }

    /** Whether l is held. */
    boolean contains(Mutex l) {
        for (int i = n - 1; i >= 0; i--) {
            if (held[i] == l) {
                return true;
            }
        }
        return false;
    }

    /** Go: printHeldLocks. One line per lock: index, rank name, rank number, the lock. */
    @Override
    public String toString() {
        if (n == 0) {
            return "<none>\n";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Mutex l = held[i];
            b.append(i).append(" : ").append(l.rank().goName()).append(' ').append(l.rank().number())
                    .append(' ').append(l).append('\n');
        }
        return b.toString();
    }
}
