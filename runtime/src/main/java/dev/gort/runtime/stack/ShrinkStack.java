package dev.gort.runtime.stack;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.part.ShrinkStackPart;

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
        // SOLUTION shrinkstack: Throw "missing stack in shrinkstack" without a stack. The caller must own the stack: the status has _Gscan, or gp is the current M's curg and the caller is on g0 (else print the status and throw "bad status in shrinkstack"). newsize = size / 2; return if it is below Stacks.FIXED_STACK, or if used (hi - sp + stackNosplit) is at least a quarter of the size. Else Stacks.copystack to newsize. | book: stacks#shrinkstack
        if (gp.stackLo == 0) {
            throw Panic.throw_("missing stack in shrinkstack");
        }
        int s = gp.readgstatus();
        M mp = Switch.getm();
        boolean self = mp != null && gp == mp.curg && mp.g == mp.g0 && s == G._Grunning;
        if ((s & G._Gscan) == 0 && !self) {
            Panic.print("runtime: shrinkstack of goroutine " + gp.goid + " in status "
                    + G.statusString(s) + "\n");
            throw Panic.throw_("bad status in shrinkstack");
        }
        long oldsize = gp.stackHi - gp.stackLo;
        long newsize = oldsize / 2;
        if (newsize < Stacks.FIXED_STACK) {
            return;
        }
        long used = gp.stackHi - gp.sp + Stacks.STACK_NOSPLIT;
        if (used >= oldsize / 4) {
            return;
        }
        Stacks.copystack(gp, newsize);
        // END SOLUTION
    }
}
