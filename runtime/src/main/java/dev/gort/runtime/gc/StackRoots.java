package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import java.util.function.LongConsumer;

/**
 * How the collector finds the pointer slots of a goroutine's stack: the one seam between the
 * collector and the stacks. Go: mgcmark.go {@code scanstack}'s frame walk over stack maps.
 *
 * <p>The collector calls {@link #scanstack} only while gp cannot write its stack: gp is not
 * running and has been claimed for scanning, or gp is the caller, or the world is stopped.
 * System stacks (g0) are never scanned: runtime code that runs there holds no heap pointer across
 * a point where the collector could look.
 */
public interface StackRoots {
    /** Calls {@code slot} with the address of each pointer slot of gp's stack. */
    void scanstack(G gp, LongConsumer slot);
}
