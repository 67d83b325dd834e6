package dev.gort.runtime.stack;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.Switch;
import dev.gort.runtime.mem.AddressSpace;

/**
 * A goroutine's simulated stack as the rest of the runtime sees it: Go's stack constants, giving a
 * G its stack (malg, gfget) and taking a grown one back (gfput), and the collector's two entry
 * points, {@link #scanstack} and {@link #shrinkstack}.
 *
 * <p>Go: stack.go (constants, {@code stackinit}), proc.go {@code malg}/{@code gfput}/{@code gfget}'s
 * stack handling, mgcmark.go {@code scanstack}.
 *
 * <p>Layout: a stack is [lo, hi) in unmanaged memory and grows down from hi. A frame is a header
 * word (its {@link Func}'s id) followed by its slots; {@code g.sp} is the top frame's address.
 * Invariant: every G that is not dead owns a stack; a dead G keeps one of the starting size (so
 * that reusing it costs no allocation) or none.
 */
public final class Stacks {
    private Stacks() {}

    // tag::constants[]
    // Go: stackMin / fixedStack on Linux: a goroutine's first stack.
    public static final int FIXED_STACK = 2048;
    // Go: stackNosplit: what a chain of nosplit functions may use.
    public static final int STACK_NOSPLIT = 800;
    // Go: abi.StackSmall: a frame this small is checked against the guard
    // alone, not against the guard plus its own size.
    public static final int STACK_SMALL = 128;
    // Go: stackGuard = stackNosplit + stackSystem + StackSmall (928 on
    // linux/amd64). The prologue traps when sp - frame < lo + stackGuard.
    public static final int STACK_GUARD = STACK_NOSPLIT + STACK_SMALL;
    // Go: stackPreempt, 0xfffffade as a uintptr: above every sp, so the
    // next prologue traps. A preemption request is this in stackguard0.
    public static final long STACK_PREEMPT = 0xfffffffffffffadeL;
    // Go: stackForceMove: newstack moves the stack without growing it.
    public static final long STACK_FORCE_MOVE = 0xfffffffffffffeedL;
    // Go: maxstacksize on 64-bit systems (set by runtime.main).
    public static final long MAX_STACK_SIZE = 1_000_000_000L;
    // Go: maxstackceiling: no stack grows beyond it, whatever SetMaxStack.
    public static final long MAX_STACK_CEILING = 2 * MAX_STACK_SIZE;
    // Go: malg(16384) for an M's g0 (16 KB since Go 1.21.x; 8 KB before).
    public static final int G0_STACK = 16384;
    // Go: malg(32 * 1024) for gsignal ("Linux wants >= 2K").
    public static final int GSIGNAL_STACK = 32 * 1024;
    // Go: minLegalPointer: a smaller non-zero pointer in a frame is
    // "invalid pointer found on stack".
    public static final long MIN_LEGAL_POINTER = 4096;
    // end::constants[]

    /** Called for each pointer slot of a scanned stack. */
    @FunctionalInterface
    public interface SlotVisitor {
        void slot(long slotAddr, long value);
    }

    /**
     * Go: malg's {@code stackalloc}, and gfget's. Gives user G gp (about to run a new function) a
     * stack of the starting size if it has none, and empties it. The caller holds m.locks.
     */
    public static void stackinit(Gort rt, G gp) {
        if (gp.stackLo == 0) {
            gp.stackLo = rt.stackalloc.stackalloc(FIXED_STACK);
            gp.stackHi = gp.stackLo + FIXED_STACK;
        }
        gp.sp = gp.stackHi;
        gp.stackguard0 = gp.stackLo + STACK_GUARD;
        gp.stackguard1 = -1L;
        gp.preemptShrink = false;
    }

    /**
     * Go: gfput's stack handling. A dead G keeps its stack only if it has the starting size; a stack
     * that grew goes back to stackfree.
     */
    public static void gfput(Gort rt, G gp) {
        long size = gp.stackHi - gp.stackLo;
        if (gp.stackLo != 0 && size != FIXED_STACK) {
            rt.stackalloc.stackfree(gp.stackLo, size);
            gp.stackLo = 0;
            gp.stackHi = 0;
            gp.sp = 0;
        }
    }

    /** Go: copystack, as newstack and shrinkstack call it: with the copystack part gp's runtime runs. */
    public static void copystack(G gp, long newsize) {
        gp.rt.parts.copystack().copystack(gp, newsize);
    }

    /** Go: maxstacksize. The most bytes a stack of gp's runtime may grow to (Config.maxStackSize). */
    public static long maxstacksize(G gp) {
        return gp.rt.config.maxStackSize();
    }

    /**
     * Gives system G gp (an M's g0 or gsignal) its fixed stack on its first frame. System stacks
     * never grow: their stackguard0 and stackguard1 are both lo + stackGuard.
     */
    static void systemStack(Gort rt, G gp) {
        int size = gp.signal ? GSIGNAL_STACK : G0_STACK;
        gp.stackLo = rt.stackalloc.stackalloc(size);
        gp.stackHi = gp.stackLo + size;
        gp.sp = gp.stackHi;
        gp.stackguard0 = gp.stackLo + STACK_GUARD;
        gp.stackguard1 = gp.stackguard0;
    }

    // tag::scanstack[]
    /**
     * Go: scanstack (its frame part). Calls v for every pointer slot of every frame
     * of user G gp, top first. System stacks are never scanned. The caller owns
     * gp's stack: gp is stopped (the world is stopped, or the caller set _Gscan),
     * or gp is the caller's own G and the caller is on the system stack.
     */
    public static void scanstack(G gp, SlotVisitor v) {
        if (gp.isSystem()) {
            throw dev.gort.runtime.Panic.throw_("can't scan our own stack");
        }
        if (gp.stackLo == 0) {
            return; // a dead G without a stack
        }
        AddressSpace space = gp.rt.mem.space;
        Unwinder.frames(space, gp, gp.sp, gp.stackHi, (base, fn) -> {
            for (int i = 0; i < fn.slots; i++) {
                if (fn.isPointer(i)) {
                    long a = Unwinder.slot(base, i);
                    v.slot(a, space.getLong(a));
                }
            }
        });
    }
    // end::scanstack[]

    /**
     * Shrinks gp's stack if it uses under a quarter of it (the shrinkstack part decides), as the
     * collector does for each G it scans, or as a test asks. gp running on an M: the shrink is
     * requested and happens at its next frame entry (Go: preemptShrink). gp runnable or waiting:
     * the caller takes its stack with the _Gscan bit for the time of the shrink, so that a
     * concurrent goready waits. The caller's own G: done at once on the system stack.
     */
    public static void shrinkstack(G gp) {
        M mp = Switch.getm();
        if (mp != null && gp == mp.curg) {
            if (mp.g == mp.g0) {
                gp.rt.parts.shrinkstack().shrinkstack(gp);
            } else {
                Switch.systemstack(() -> gp.rt.parts.shrinkstack().shrinkstack(gp));
            }
            return;
        }
        for (;;) {
            int s = gp.readgstatus();
            if (s == G._Grunnable || s == G._Gwaiting) {
                if (gp.atomicstatus.cas(s, s | G._Gscan)) {
                    try {
                        gp.rt.parts.shrinkstack().shrinkstack(gp);
                    } finally {
                        gp.atomicstatus.store(s);
                    }
                    return;
                }
            } else if (s == G._Grunning || s == G._Gsyscall) {
                gp.preemptShrink = true;
                gp.stackguard0 = STACK_PREEMPT;
                return;
            } else {
                return; // dead, or being copied by its own newstack: nothing to shrink
            }
        }
    }
}
