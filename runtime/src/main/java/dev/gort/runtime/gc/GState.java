package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import dev.gort.runtime.atomic.Uint32;

/**
 * The collector's state of one goroutine: whether its stack has been scanned in this cycle, and
 * the block of {@link Locals} slots it holds heap pointers in, if it uses one.
 *
 * <p>Go: the {@code g} field {@code gcscandone}. {@link #scan} is {@link #GREY} (not scanned in
 * this cycle), {@link #SCANNING} (a scanner has it: the one who moved it from GREY) or
 * {@link #BLACK} (scanned: the G's stack writes need no barrier and its pointer stores into the
 * heap need not shade the new value). While a mark worker scans a G that is not running, it also
 * holds the G's {@code _Gscan} status bit, so the G cannot run meanwhile (Go's suspendG).
 */
final class GState {
    static final int GREY = 0;
    static final int SCANNING = 1;
    static final int BLACK = 2;

    final Uint32 scan = new Uint32(BLACK);   // a G first seen during a mark holds nothing unseen
    final G gp;                              // immutable: the G

    // written by the G itself (Locals), read by scanners that own its stack:
    long slots;                              // its Locals block, 0 until first used
    long goid;                               // the life of gp the slots belong to

    GState(G gp) {
        this.gp = gp;
    }

    /** The G's state, made (black) on first use. Only the G itself or a stopped world calls it. */
    static GState of(G gp) {
        Object st = gp.gcstate;
        if (st == null) {
            st = new GState(gp);
            gp.gcstate = st;
        }
        return (GState) st;
    }
}
