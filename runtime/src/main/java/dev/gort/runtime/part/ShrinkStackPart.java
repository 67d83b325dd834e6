package dev.gort.runtime.part;

import dev.gort.runtime.G;

/**
 * shrinkstack: halves a goroutine's stack when it uses less than a quarter of it, never below
 * the starting size. Go: stack.go {@code shrinkstack}. Reference: {@code dev.gort.runtime.stack.ShrinkStack}.
 */
public interface ShrinkStackPart {
    /** Go: shrinkstack. The caller owns gp's stack (gp stopped, or gp is its own G on g0). */
    void shrinkstack(G gp);
}
