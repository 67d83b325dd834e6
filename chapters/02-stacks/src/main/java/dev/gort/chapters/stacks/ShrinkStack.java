// Generated from runtime/src/main/java/dev/gort/runtime/stack/ShrinkStack.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: 8fd09b374488691f
package dev.gort.chapters.stacks;

import dev.gort.runtime.G;
import dev.gort.runtime.part.ShrinkStackPart;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.stack.Stacks;

/**
 * shrinkstack: giving back what a goroutine's stack no longer needs.
 *
 * <p>Go: stack.go {@code shrinkstack}, {@code isShrinkStackSafe}.
 *
 * <p>A stack that grew for a deep recursion keeps its size after the recursion returns. At each
 * collection (or on request) a stack that uses less than a quarter of its size is halved, by
 * copystack, never below the starting 2 KB. The quarter rule leaves room so that a G whose depth
 * goes up and down does not grow and shrink over and over. The caller owns the stack: the G's
 * status carries {@code _Gscan} (the caller stopped it), or the G is the caller's own and the
 * caller is on the system stack.
 */
public final class ShrinkStack implements ShrinkStackPart {
    /** Go: shrinkstack. */
    @Override
    public void shrinkstack(G gp) {
        throw new Todo("shrinkstack", "Throw \"missing stack in shrinkstack\" without a stack. The caller must own the stack: the status has _Gscan, or gp is the current M's curg and the caller is on g0 (else print the status and throw \"bad status in shrinkstack\"). newsize = size / 2; return if it is below Stacks.FIXED_STACK, or if used (hi - sp + stackNosplit) is at least a quarter of the size. Else Stacks.copystack to newsize.", "stacks#shrinkstack");
    }
}
