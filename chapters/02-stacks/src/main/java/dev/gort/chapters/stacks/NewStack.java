// Generated from runtime/src/main/java/dev/gort/runtime/stack/NewStack.java by ./workbook stubs: edit the TODOs.
// ./workbook stubs regenerates it only while it is untouched (this hash matches).
// stub-hash: f058bb2e12255a4b
package dev.gort.chapters.stacks;


import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.part.NewStackPart;
import dev.gort.runtime.part.Todo;
import dev.gort.runtime.stack.Stacks;

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
        throw new Todo("newstack", "If gp.stackguard0 is stackPreempt: when the M cannot be preempted (m.locks, preemptoff, no running P) restore the guard (lo + stackGuard) and resume; else do a requested shrink (preemptShrink: Stacks.shrinkstack) and, if gp.preempt, gopreempt (Schedule.gopreemptM); without gp.preempt restore the guard and resume. Otherwise grow: double the size until the free part fits morestackNeed + stackGuard (stackForceMove keeps the size); beyond Stacks.maxstacksize(gp) print \"runtime: goroutine stack exceeds N-byte limit\" and the sp/stack line and throw \"stack overflow\"; else Stacks.copystack under _Gcopystack and resume.", "stacks#newstack");
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
