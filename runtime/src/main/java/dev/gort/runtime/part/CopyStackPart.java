package dev.gort.runtime.part;

import dev.gort.runtime.G;

/**
 * copystack: moves a goroutine's stack to a new one of another size, adjusting every pointer into
 * the old stack that a frame's pointer map names, then frees the old one.
 * Go: stack.go {@code copystack}, {@code adjustpointers}, {@code adjustframe}.
 * Reference: {@code dev.gort.runtime.stack.CopyStack}.
 */
public interface CopyStackPart {
    /** Go: copystack. gp's stack must be owned by the caller (gp stopped, or _Gcopystack). */
    void copystack(G gp, long newsize);
}
