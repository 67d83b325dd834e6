package dev.gort.runtime.sched;

import dev.gort.runtime.G;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.atomic.Bool;
import dev.gort.runtime.atomic.Int32;
import dev.gort.runtime.atomic.Int64;
import dev.gort.runtime.atomic.Uint32;
import dev.gort.runtime.lock.LockRank;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Note;
import dev.gort.runtime.part.GFreePart;

/**
 * The scheduler's global state: Go's {@code schedt sched}, plus {@code allp}, {@code allgs} and
 * {@code allm}. One per runtime.
 *
 * <p>Go: runtime2.go {@code type schedt}; proc.go {@code allgs}, {@code allm}, {@code allp},
 * {@code idlepMask}.
 *
 * <p>Lock order ({@link LockRank}, checked in checked mode): {@code sched.lock} before
 * {@code allglock}; the free-G pool's lock ({@code sched.gFree.lock}) is a leaf, taken last. No runtime lock is held across a park
 * or a switch to another G.
 */
public final class Sched {
    public static final int MAX_MCOUNT = 10_000; // Go: sched.maxmcount
    static final int GOID_CACHE_BATCH = 16;      // Go: _GoidCacheBatch

    public final Mutex lock = new Mutex(LockRank.SCHED, "sched.lock");

    // guarded by lock:
    M midle;                                  // idle Ms waiting for work
    int nmidle;                               // number of idle Ms
    int nmidlelocked;                         // number of locked Ms waiting for work
    long mnext;                               // Ms created so far, and the next M's id
    long nmfreed;                             // Ms whose thread has ended (a locked G exited)
    int nmsys;                                // system Ms (sysmon), not counted for deadlock
    P pidle;                                  // idle Ps
    public final GQueue runq = new GQueue();  // global runnable queue
    public int stopwait;                      // Ps still to stop for stop-the-world
    int newprocs;                             // GOMAXPROCS wanted at the next start-the-world
    int gomaxprocs;                           // current number of Ps; read racily as a hint
    volatile P[] allp = new P[0];             // the GOMAXPROCS Ps; replaced whole by procresize
    P[] allpCap = new P[0];                   // every P ever made; Ps beyond gomaxprocs are dead
    volatile PMask idlepMask = new PMask(0);  // bit per P in allp: on the idle list
    volatile RandomOrder stealOrder = new RandomOrder(1);
    M allm;                                   // every M, linked by alllink

    // read without the lock:
    public final Int32 npidle = new Int32();      // number of idle Ps
    public final Int32 nmspinning = new Int32();  // number of spinning Ms
    public final Int32 needspinning = new Int32(); // 1 if an M should start spinning
    public final Bool gcwaiting = new Bool();     // stop-the-world in progress
    public final Note stopnote = new Note();      // woken when stopwait reaches 0
    public final Bool sysmonwait = new Bool();    // sysmon sleeps on sysmonnote
    public final Note sysmonnote = new Note();
    final Int64 goidgen = new Int64();
    // the timer poller (Netpoll), read without the lock:
    final Int64 lastpoll = new Int64();           // 0: an M is in the poller; else when one last left it
    final Int64 pollUntil = new Int64();          // when the M in the poller wakes; 0: none there
    final Uint32 netpollWake = new Uint32();      // the poller's wake-up word (Go: its eventfd)
    final Int64 handoffs = new Int64();           // statistics
    final Int64 mstarted = new Int64();

    public final GFreePart gFree;                 // dead Gs: each P's list and the global pool (a part)

    // guarded by allglock:
    final Mutex allglock = new Mutex(LockRank.ALLG, "allglock");
    private G[] allgs = new G[64];
    private volatile int allglen;

    boolean blockedWarned;                    // sysmon only: warned of a G blocked outside the runtime

    // stop-the-world exclusion (Go: worldsema), guarded by lock:
    boolean worldHeld;
    final GQueue worldWaiters = new GQueue();

    /** The scheduler of one runtime, with its free-G pool (made by the runtime's gfree part). */
    public Sched(GFreePart gFree) {
        this.gFree = gFree;
    }

    /** Go: globrunqputbatch. Puts n Gs linked from first to last at the tail of the global queue. */
    public void globrunqputbatch(G first, G last, int n) {
        Mutex.assertLockHeld(lock);
        runq.pushBackAll(first, last, n);
    }

    /** Appends a new G to allgs. Go: allgadd. */
    void allgadd(G gp) {
        Mutex.lock(allglock);
        if (allglen == allgs.length) {
            allgs = java.util.Arrays.copyOf(allgs, allgs.length * 2);
        }
        allgs[allglen] = gp;
        allglen = allglen + 1;
        Mutex.unlock(allglock);
    }

    /** A snapshot of allgs' length; entries below it never change. */
    public int allglen() {
        return allglen;
    }

    /** The i-th G ever allocated; {@code i < allglen()}. */
    public G allg(int i) {
        G[] a = allgs;
        return i < a.length ? a[i] : null;
    }

    /** The current Ps (a snapshot). */
    public P[] allp() {
        return allp;
    }

    /** Every P ever created, dead ones included. */
    public P[] allpAll() {
        return allpCap;
    }

    /** Every M ever created, newest first. */
    public M allm() {
        return allm;
    }

    public int gomaxprocs() {
        return gomaxprocs;
    }

    /** Bit per P in allp: set while the P is on the idle list (a snapshot). */
    public PMask idlepMask() {
        return idlepMask;
    }

    /** The random order stealWork visits Ps in (replaced by procresize). */
    public RandomOrder stealOrder() {
        return stealOrder;
    }

    /** Ms whose thread still exists: created less ended (Go: mcount). */
    public long mcount() {
        return mnext - nmfreed;
    }

    public long handoffs() {
        return handoffs.load();
    }

    public long mstarted() {
        return mstarted.load();
    }
}
