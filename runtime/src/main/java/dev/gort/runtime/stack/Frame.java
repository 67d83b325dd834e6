package dev.gort.runtime.stack;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.atomic.SchedulingPoint;
import dev.gort.runtime.mem.AddressSpace;

/**
 * A function's frame on the simulated stack: the prologue that enters it (Go's stack check and
 * {@code morestack}), the epilogue that leaves it, and access to its slots.
 *
 * <p>Go: the compiler's function prologue ({@code cmd/internal/obj/x86 stacksplit}), asm_amd64.s
 * {@code morestack}, {@code morestackc}. A frame is named by its offset from the stack's top
 * ({@code hi - sp}), which a copy keeps, so a frame handle stays valid when the stack moves; an
 * address from {@link #addr} does not, unless it is stored in a pointer slot, which
 * {@code copystack} adjusts (as Go adjusts pointers to stack variables).
 *
 * <p>Use, in runtime "Go code":
 * <pre>{@code
 * static final Func F = Func.of("main.f", 2, 1); // two slots, slot 1 holds a pointer
 * int f = Frame.enter(F);
 * try { Frame.put(f, 0, 42); ... } finally { Frame.leave(f); }
 * }</pre>
 *
 * <p>Invariants: frames are left in the reverse order of entry, by the G that entered them. The
 * prologue is the G's cooperative preemption point (stackguard0 == stackPreempt trips it).
 */
public final class Frame {
    private Frame() {}

    /** What morestack runs on g0 (Go: the call to newstack). */
    private static final Switch.Fn NEWSTACK = (mp, gp) -> mp.rt.parts.newstack().newstack(mp, gp);

    // tag::prologue[]
    /**
     * The prologue: enters a frame of {@code fn} on the calling G's stack, growing
     * the stack (or yielding to a preemption request) first if the frame does not
     * fit above stackguard0. Returns the frame's handle. The slots are zeroed, so
     * the collector never sees a stale pointer.
     */
    public static int enter(Func fn) {
        SchedulingPoint.point(); // the simulated OS may switch threads at a call
        M mp = Switch.getm();
        G gp = mp.g;
        long guard = fn.systemstack ? gp.stackguard1 : gp.stackguard0;
        long sp = gp.sp - fn.frameSize;
        if (Long.compareUnsigned(sp, guard) < 0) {
            sp = morestack(mp, gp, fn);
        }
        AddressSpace space = gp.rt.mem.space;
        space.putLong(sp, fn.id);
        if (fn.slots > 0) {
            space.memclrNoHeapPointers(sp + 8, 8L * fn.slots);
        }
        gp.sp = sp;
        return (int) (gp.stackHi - sp);
    }
    // end::prologue[]

    /** The epilogue: leaves frame f, which must be the calling G's top frame. */
    public static void leave(int f) {
        G gp = Switch.getm().g;
        long sp = gp.stackHi - f;
        if (sp != gp.sp) {
            Panic.print("runtime: frame at sp=0x" + Long.toHexString(sp) + " left, but the top frame"
                    + " is at sp=0x" + Long.toHexString(gp.sp) + " in goroutine " + gp.goid + "\n");
            throw Panic.throw_("frame left out of order");
        }
        Func fn = Func.byId(gp.rt.mem.space.getLong(sp));
        gp.sp = sp + fn.frameSize;
    }

    // tag::morestack[]
    /**
     * Go: morestack (and morestackc). Called by the prologue when the frame does
     * not fit, or when system-stack code runs on a user G. Returns the new sp for
     * the frame.
     */
    private static long morestack(M mp, G gp, Func fn) {
        for (;;) {
            if (gp.isSystem()) {
                if (gp.stackLo == 0) {
                    Stacks.systemStack(gp.rt, gp);
                } else {
                    String which = gp.signal ? "gsignal" : "g0";
                    Panic.print("runtime: morestack on " + which + ", stack [0x"
                            + Long.toHexString(gp.stackLo) + " 0x"
                            + Long.toHexString(gp.stackHi) + "], sp=0x"
                            + Long.toHexString(gp.sp) + ", called from "
                            + fn.name + "\n");
                    throw Panic.throw_("morestack on " + which);
                }
            } else if (fn.systemstack) {
                // Go: morestackc. A user G's stackguard1 is ~0, so system-stack
                // code always lands here.
                throw Panic.throw_(
                        "attempt to execute system stack code on user stack");
            } else {
                gp.morestackNeed = (int) Math.min(fn.frameSize, Integer.MAX_VALUE);
                Switch.mcall(mp, NEWSTACK);
                mp = Switch.getm(); // a preempted G may come back on another M
            }
            long guard = fn.systemstack ? gp.stackguard1 : gp.stackguard0;
            long sp = gp.sp - fn.frameSize;
            if (Long.compareUnsigned(sp, guard) >= 0) {
                return sp;
            }
        }
    }
    // end::morestack[]

    /** The value in slot i of frame f of the calling G. */
    public static long get(int f, int i) {
        G gp = Switch.getm().g;
        return gp.rt.mem.space.getLong(slotAddr(gp, f, i));
    }

    /** Sets slot i of frame f of the calling G. */
    public static void put(int f, int i, long v) {
        G gp = Switch.getm().g;
        gp.rt.mem.space.putLong(slotAddr(gp, f, i), v);
    }

    /**
     * The address of slot i of frame f now: a pointer to a stack variable. Valid until the stack
     * moves, unless kept in a pointer slot (which copystack adjusts).
     */
    public static long addr(int f, int i) {
        return slotAddr(Switch.getm().g, f, i);
    }

    /** Reads the word a pointer points to (a stack variable, or memory elsewhere). */
    public static long load(long p) {
        return Switch.getm().rt.mem.space.getLong(p);
    }

    /** Writes the word a pointer points to. */
    public static void store(long p, long v) {
        Switch.getm().rt.mem.space.putLong(p, v);
    }

    private static long slotAddr(G gp, int f, int i) {
        long base = gp.stackHi - f;
        long a = base + 8 + 8L * i;
        if (f <= 0 || base < gp.sp || i < 0 || a + 8 > gp.stackHi) {
            Panic.print("runtime: slot " + i + " of frame " + f + " outside goroutine " + gp.goid
                    + "'s frames [sp=0x" + Long.toHexString(gp.sp) + ", hi=0x"
                    + Long.toHexString(gp.stackHi) + ")\n");
            throw Panic.throw_("bad frame slot");
        }
        return a;
    }
}
