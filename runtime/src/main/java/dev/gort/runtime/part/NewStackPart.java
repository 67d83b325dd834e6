package dev.gort.runtime.part;

import dev.gort.runtime.G;
import dev.gort.runtime.M;

/**
 * newstack: what the frame prologue's slow path does on g0 when a frame does not fit above
 * {@code stackguard0}: honour a preemption request ({@code stackguard0 == stackPreempt}), or grow
 * the stack to twice its size (or more, until the frame fits) by copying, or die of "stack
 * overflow" beyond the maximum. Go: stack.go {@code newstack}.
 * Reference: {@code dev.gort.runtime.stack.NewStack}.
 */
public interface NewStackPart {
    /**
     * Runs on mp's g0 for gp, which called morestack wanting {@code gp.morestackNeed} bytes.
     * Returns true to resume gp at once on mp; false when gp was preempted (it gave up its P).
     */
    boolean newstack(M mp, G gp);
}
