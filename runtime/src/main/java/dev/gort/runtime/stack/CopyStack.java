package dev.gort.runtime.stack;

import dev.gort.runtime.G;
import dev.gort.runtime.Panic;
import dev.gort.runtime.mem.AddressSpace;
import dev.gort.runtime.part.CopyStackPart;

/**
 * copystack: moving a goroutine's stack, the heart of Go's growable stacks.
 *
 * <p>Go: stack.go {@code copystack}, {@code adjustframe}, {@code adjustpointers}.
 *
 * <p>The used part [sp, hi) is copied to the top of a new stack, so every frame keeps its distance
 * from hi. Then each frame's pointer map says which slots hold pointers, and each pointer into the
 * old stack [old.lo, old.hi) moves by the same delta (new.hi - old.hi): a pointer to a stack
 * variable points at the same variable afterwards. Pointers elsewhere (the heap) are left alone; a
 * pointer slot holding a small non-zero value (below 4096, never a valid address) is a corrupt
 * frame: "invalid pointer found on stack". Last, the G's bounds and guard move to the new stack and
 * the old one is freed.
 *
 * <p>The caller owns the stack: the G is in {@code _Gcopystack} (its own newstack) or holds the
 * {@code _Gscan} bit (a shrink by another G).
 */
public final class CopyStack implements CopyStackPart {
    /** Go: copystack. */
    @Override
    public void copystack(G gp, long newsize) {
        // SOLUTION copystack: Allocate the new stack (gp.rt.stackalloc), copy the used bytes [sp, hi) to the same distance below the new hi, then walk the frames of the new copy (Unwinder.frames) and add delta = new.hi - old.hi to every pointer slot whose value lies in [old.lo, old.hi); a value in (0, 4096) prints "runtime: bad pointer in frame F at 0x..: 0x.." and throws "invalid pointer found on stack". Move stackLo, stackHi, sp and stackguard0 (lo + stackGuard), then stackfree the old stack. | book: stacks#copystack
        AddressSpace space = gp.rt.mem.space;
        long oldLo = gp.stackLo;
        long oldHi = gp.stackHi;
        long used = oldHi - gp.sp;
        long newLo = gp.rt.stackalloc.stackalloc(newsize);
        long newHi = newLo + newsize;
        long delta = newHi - oldHi;
        space.memmove(newHi - used, gp.sp, used);
        Unwinder.frames(space, gp, newHi - used, newHi, (base, fn) -> {
            for (int i = 0; i < fn.slots; i++) {
                if (!fn.isPointer(i)) {
                    continue;
                }
                long a = Unwinder.slot(base, i);
                long p = space.getLong(a);
                if (p > 0 && p < Stacks.MIN_LEGAL_POINTER) {
                    Panic.print("runtime: bad pointer in frame " + fn.name + " at 0x" + Long.toHexString(a)
                            + ": 0x" + Long.toHexString(p) + "\n");
                    throw Panic.throw_("invalid pointer found on stack");
                }
                if (p >= oldLo && p < oldHi) {
                    space.putLong(a, p + delta);
                }
            }
        });
        gp.stackLo = newLo;
        gp.stackHi = newHi;
        gp.sp = newHi - used;
        gp.stackguard0 = newLo + Stacks.STACK_GUARD; // may drop a preemption request, as in Go
        gp.rt.stackalloc.stackfree(oldLo, oldHi - oldLo);
        // END SOLUTION
    }
}
