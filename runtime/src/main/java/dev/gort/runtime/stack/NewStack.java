package dev.gort.runtime.stack;

import static dev.gort.runtime.sched.Proc.casgstatus;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.part.NewStackPart;
import dev.gort.runtime.sched.Schedule;

/**
 * newstack: the prologue's slow path, on g0.
 *
 * <p>Go: stack.go {@code newstack}, proc.go {@code canPreemptM}.
 *
 * <p>Two reasons bring a G here. A preemption request (sysmon or a stop-the-world set
 * {@code stackguard0} to {@code stackPreempt}): if the M may be preempted the G goes to the global
 * run queue (gopreempt_m), after shrinking its stack if that was asked; if not (the M holds locks,
 * or is in preemptoff), the guard is restored and the G runs on, its {@code preempt} flag still set
 * for the next chance. Otherwise the frame did not fit: the stack doubles (more if the frame needs
 * it) by {@code copystack}, or, beyond the maximum, the runtime dies of "stack overflow".
 *
 * <p>A difference from Go: a G sent here only to shrink its stack (preemptShrink, with no
 * preemption asked) runs on after the shrink instead of being rescheduled.
 */
public final class NewStack implements NewStackPart {
    /** Go: newstack. */
    @Override
    public boolean newstack(M mp, G gp) {
        // SOLUTION newstack: If gp.stackguard0 is stackPreempt: when the M cannot be preempted (m.locks, preemptoff, no running P) restore the guard (lo + stackGuard) and resume; else do a requested shrink (preemptShrink: Stacks.shrinkstack) and, if gp.preempt, gopreempt (Schedule.gopreemptM); without gp.preempt restore the guard and resume. Otherwise grow: double the size until the free part fits morestackNeed + stackGuard (stackForceMove keeps the size); beyond Stacks.maxstacksize(gp) print "runtime: goroutine stack exceeds N-byte limit" and the sp/stack line and throw "stack overflow"; else Stacks.copystack under _Gcopystack and resume. | book: stacks#newstack
        long sp = gp.sp;
        if (gp.stackguard0 == Stacks.STACK_PREEMPT) {
            if (!canPreemptM(mp)) {
                gp.stackguard0 = gp.stackLo + Stacks.STACK_GUARD; // gp.preempt stays set: next time
                return true;
            }
            if (gp.preemptShrink) {
                gp.preemptShrink = false;
                Stacks.shrinkstack(gp); // gp is this M's curg, and we are on g0
            }
            if (gp.preempt) {
                return Schedule.gopreemptM(mp, gp);
            }
            gp.stackguard0 = gp.stackLo + Stacks.STACK_GUARD;
            return true;
        }
        long oldsize = gp.stackHi - gp.stackLo;
        long newsize = oldsize * 2;
        long needed = gp.morestackNeed + Stacks.STACK_GUARD;
        long used = gp.stackHi - sp;
        while (newsize - used < needed) {
            newsize *= 2;
        }
        if (gp.stackguard0 == Stacks.STACK_FORCE_MOVE) {
            newsize = oldsize; // a debugging mode: move the stack on every check
        }
        long max = Stacks.maxstacksize(gp);
        if (newsize > max || newsize > Stacks.MAX_STACK_CEILING) {
            Panic.print("runtime: goroutine stack exceeds " + Math.min(max, Stacks.MAX_STACK_CEILING)
                    + "-byte limit\n");
            Panic.print("runtime: sp=0x" + Long.toHexString(sp) + " stack=[0x"
                    + Long.toHexString(gp.stackLo) + ", 0x" + Long.toHexString(gp.stackHi) + "]\n");
            throw Panic.throw_("stack overflow");
        }
        casgstatus(gp, G._Grunning, G._Gcopystack);
        Stacks.copystack(gp, newsize);
        casgstatus(gp, G._Gcopystack, G._Grunning);
        return true;
        // END SOLUTION
    }

    // tag::canPreemptM[]
    /**
     * Go: canPreemptM. Whether the G running on mp may be descheduled now: not
     * while it holds runtime locks (or acquirem), allocates, has preemption
     * turned off, or runs without a running P.
     */
    static boolean canPreemptM(M mp) {
        return mp.locks == 0 && mp.mallocing == 0 && mp.preemptoff == null
                && mp.p != null && mp.p.status.load() == P._Prunning;
    }
    // end::canPreemptM[]
}
