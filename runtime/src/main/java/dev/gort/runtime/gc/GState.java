package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import dev.gort.runtime.atomic.Uint32;

/**
 * The collector's state of one goroutine: whether its stack has been scanned in this cycle, and
 * (until per-G stack frames exist) the block of pointer slots that is its stack as the collector
 * sees it.
 *
 * <p>Go: the {@code g} fields {@code gcscandone} and the {@code _Gscan} status bit, which claims a
 * G for scanning; gort keeps both in {@link #scan}: {@link #GREY} (not scanned this cycle),
 * {@link #SCANNING} (claimed by a scanner: the G may not write its stack slots until it is done),
 * {@link #BLACK} (scanned: the G's writes to its own stack need no barrier and its pointer stores
 * into the heap need not shade the new value).
 */
final class GState {
    static final int GREY = 0;
    static final int SCANNING = 1;
    static final int BLACK = 2;

    final Uint32 scan = new Uint32(BLACK);   // a new G's stack is black: it holds nothing yet
    final G gp;                              // immutable: the G
    final long slots;                        // immutable: address of the G's pointer slots
    final int nslots;                        // immutable

    GState(G gp, long slots, int nslots) {
        this.gp = gp;
        this.slots = slots;
        this.nslots = nslots;
    }
}
