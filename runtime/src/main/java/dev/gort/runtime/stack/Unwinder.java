package dev.gort.runtime.stack;

import dev.gort.runtime.G;
import dev.gort.runtime.Panic;
import dev.gort.runtime.mem.AddressSpace;

/**
 * Walks a goroutine's simulated frames from the top (its sp) to the bottom (stack.hi): the stack
 * copier adjusts them, the collector scans them, tracebacks print them.
 *
 * <p>Go: traceback.go {@code unwinder} ({@code initAt}, {@code next}), and {@code gentraceback}'s
 * use by copystack and scanstack. A frame's first word holds its {@link Func}'s id (where Go's frame
 * has its return PC), so the walker finds each frame's size and pointer map from it.
 *
 * <p>Invariants: the walk reads only; the caller owns the stack (it is stopped, or its own).
 */
public final class Unwinder {
    private Unwinder() {}

    /** Called for each frame, top first. */
    @FunctionalInterface
    public interface FrameVisitor {
        void frame(long base, Func fn);
    }

    /** Visits the frames in [sp, hi) of a stack in space. A word that is no Func's id throws. */
    public static void frames(AddressSpace space, G gp, long sp, long hi, FrameVisitor v) {
        walk(space, gp, sp, hi, v, false);
    }

    /**
     * Visits gp's frames for a traceback: a word that is no Func's id ends the walk instead of
     * throwing (Go: unwindPrintErrors), because the runtime printing it may already be dying.
     */
    public static void tracebackFrames(AddressSpace space, G gp, FrameVisitor v) {
        if (gp.stackLo != 0) {
            walk(space, gp, gp.sp, gp.stackHi, v, true);
        }
    }

    private static void walk(AddressSpace space, G gp, long sp, long hi, FrameVisitor v, boolean printing) {
        long base = sp;
        while (base < hi) {
            Func fn = Func.byId(space.getLong(base));
            if (fn == null || base + fn.frameSize > hi) {
                if (printing) {
                    return;
                }
                Panic.print("runtime: unexpected return pc at 0x" + Long.toHexString(base)
                        + " in goroutine " + gp.goid + ": stack=[0x" + Long.toHexString(gp.stackLo)
                        + ", 0x" + Long.toHexString(gp.stackHi) + ")\n");
                throw Panic.throw_("unknown caller pc");
            }
            v.frame(base, fn);
            base += fn.frameSize;
        }
    }

    /** The address of slot i of the frame at base. */
    public static long slot(long base, int i) {
        return base + 8 + 8L * i;
    }
}
