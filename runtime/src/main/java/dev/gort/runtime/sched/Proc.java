package dev.gort.runtime.sched;

import static dev.gort.runtime.G._Gdead;
import static dev.gort.runtime.G._Gidle;
import static dev.gort.runtime.G._Grunnable;
import static dev.gort.runtime.G._Grunning;
import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.os.OsExit;
import dev.gort.runtime.stack.Stacks;
import dev.gort.runtime.trace.Tracer;

/**
 * A goroutine's life, and the scheduler's surface for parts.
 *
 * <p>A goroutine is created by {@code newproc}, run, and returned to a free list by
 * {@code goexit0} so that the next {@code newproc} reuses it with its stack. Dead Gs go to the
 * free-G pool (a part: {@link GFree}) and are never freed: {@code allgs} only grows, bounded by
 * the peak number of live goroutines.
 *
 * <p>Go: proc.go {@code newproc}, {@code newproc1}, {@code goexit1}, {@code goexit0},
 * {@code casgstatus}, {@code dropg}.
 *
 * <p>The surface: the proc.go functions a part may call are all here, as static methods under
 * Go's names and with Go's arguments (plus the runtime or its {@code sched} where Go reads a
 * global), so a part written as {@code import static dev.gort.runtime.sched.Proc.*} reads as
 * Go's code and sees exactly what Go's function would see. Each says which lock it needs; a call
 * without it dies with Go's "not holding required lock!" report in checked mode. The code of most
 * lives in the class for its part of proc.go ({@link Threads}: Ms and Ps; {@link Schedule}: the
 * scheduling loop; {@link World}: stop-the-world); a part never calls those directly. The other
 * subsystems' surfaces: {@code lock.Mutex} (lock, unlock, assertLockHeld), {@code lock.Note}
 * (notes), {@code M} (acquirem, releasem), {@code Switch} (getg, mcall, systemstack),
 * {@code Panic} (print, throw).
 */
public final class Proc {
    private Proc() {}

    // tag::newproc[]
    /**
     * Go: newproc. Creates a goroutine running fn, puts it in the current P's
     * runnext and wakes an idle P if there is one.
     */
    public static void newproc(M mp, Runnable fn) {
        if (fn == null) {
            throw Panic.fatal("go of nil func value");
        }
        // Go switches to the system stack here; gort's user G cannot be preempted
        // in the middle of these Java calls, so holding m.locks is enough to keep M
        // and P fixed.
        mp.locks++;
        P pp = mp.p;
        G newg = newproc1(fn, mp.curg, pp);
        pp.runq.runqput(newg, true);
        Gort rt = mp.rt;
        if (rt.mainStarted) {
            Threads.wakep(rt);
        }
        mp.locks--;
    }
    // end::newproc[]

    /** Go: newproc1. Makes a runnable G for fn, reusing a dead one when there is one. */
    static G newproc1(Runnable fn, G callergp, P pp) {
        Gort rt = pp.rt;
        G newg = rt.sched.gFree.gfget(pp);
        if (newg == null) {
            newg = G.malg(rt);
            casgstatus(newg, _Gidle, _Gdead);
            rt.sched.allgadd(newg); // publishes with Gdead status so nobody looks at it
        } else {
            pp.goroutinesReused++;
        }
        if (newg.readgstatus() != _Gdead) {
            throw Panic.throw_("newproc1: new g is not Gdead");
        }
        Stacks.stackinit(rt, newg); // a new G's first stack, or a reused one's emptied
        newg.fn = fn;
        newg.startfn = fn.getClass();
        newg.parentGoid = callergp == null ? 0 : callergp.goid;
        newg.param = null;
        newg.preempt = false;
        newg.waitreason = WaitReason.ZERO;
        if (pp.goidcache == pp.goidcacheend) {
            // Sched.goidgen is the last allocated id; this batch is [goidgen+1, goidgen+16].
            pp.goidcache = rt.sched.goidgen.add(Sched.GOID_CACHE_BATCH) - (Sched.GOID_CACHE_BATCH - 1);
            pp.goidcacheend = pp.goidcache + Sched.GOID_CACHE_BATCH;
        }
        newg.goid = pp.goidcache++;
        casgstatus(newg, _Gdead, _Grunnable);
        pp.goroutinesCreated++;
        if (rt.tracing) {
            rt.tracer.event(pp.m, Tracer.GO_CREATE, newg.goid, pp.id, callergp == null ? 0 : callergp.goid);
        }
        return newg;
    }

    /**
     * The code every G's continuation runs: its function, then goexit; and again with the next
     * function when the dead G is reused. An exception escaping the function is an unrecovered
     * panic; the main goroutine's return ends the process.
     */
    public static void goroutineBody(G gp) {
        for (;;) {
            Runnable fn = gp.fn;
            gp.fn = null;
            boolean goexit = false;
            try {
                fn.run();
            } catch (Gort.Goexit e) {
                goexit = true; // the goroutine's finally blocks ran on the way here
            } catch (OsExit e) {
                throw e;
            } catch (Throwable t) {
                throw Panic.fatalpanic(gp, t);
            }
            if (gp.isMain && !goexit) {
                gp.rt.exit(0); // Go's runtime.main: main returned, so the program exits
            }
            goexit1(gp);
        }
    }

    /** Go: goexit1. Ends goroutine gp, which is the caller, at the bottom of its stack. */
    private static void goexit1(G gp) {
        M mp = gp.m; // the M running gp now (set by execute on whichever M resumed it)
        if (mp.outside.load() != M.OUTSIDE_NONE) {
            mp = Sysmon.reenter(mp);
        }
        Gort rt = gp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.GO_END, gp.goid, mp.p.id, 0);
        }
        Switch.mcall(mp, Proc::goexit0);
    }

    /**
     * Go: goexit0 (gdestroy), on g0. The G is dead: clear it and put it on the free list. If it
     * was locked to its M, that M's thread ends with it (mexit, once back in schedule).
     */
    private static boolean goexit0(M mp, G gp) {
        casgstatus(gp, _Grunning, _Gdead);
        gp.m = null;
        boolean locked = gp.lockedm != null;
        gp.lockedm = null;
        mp.lockedg = null;
        if (locked && mp.lockedInt != 0) {
            Panic.print("runtime: mp.lockedInt = " + mp.lockedInt + "\n");
            throw Panic.throw_("exited a goroutine internally locked to the OS thread");
        }
        gp.isMain = false;
        gp.param = null;
        gp.preempt = false;
        gp.waitreason = WaitReason.ZERO;
        gp.timer = null;
        dropg(mp);
        Stacks.gfput(mp.rt, gp); // a grown stack goes back; one of the starting size stays
        mp.rt.sched.gFree.gfput(mp.p, gp);
        // The goroutine may have locked this thread because it put it in an unusual
        // kernel state: kill the thread rather than returning it to the pool.
        mp.exitThread = locked;
        return false;
    }

    /** Go: dropg. Detaches the M from its current user G. */
    public static void dropg(M mp) {
        G gp = mp.curg;
        if (gp != null) {
            gp.m = null;
            mp.curg = null;
        }
    }

    /**
     * Go: casgstatus. Moves gp from one status to another. While someone holds the G's stack with
     * the {@code _Gscan} bit (a stack shrink of a waiting G), it waits for the bit to go, as Go does;
     * any other failed CAS is a broken invariant.
     */
    public static void casgstatus(G gp, int oldval, int newval) {
        if (oldval == newval) {
            Panic.print("runtime: casgstatus: oldval=" + oldval + " newval=" + newval + "\n");
            throw Panic.throw_("casgstatus: bad incoming values");
        }
        while (!gp.atomicstatus.cas(oldval, newval)) {
            int now = gp.readgstatus();
            // Still held, or released between the CAS and the load: try again.
            if (now == (oldval | G._Gscan) || now == oldval) {
                gp.rt.os.osyield();
                continue;
            }
            if (oldval == G._Gwaiting && now == _Grunnable) {
                throw Panic.throw_("casgstatus: waiting for Gwaiting but is Grunnable");
            }
            Panic.print("runtime: casgstatus " + G.statusString(oldval) + "->" + G.statusString(newval)
                    + " failed: goroutine " + gp.goid + " is " + G.statusString(now) + "\n");
            throw Panic.throw_("casgstatus: bad incoming values");
        }
    }

    // ---- the surface for parts (see the class comment); Go: proc.go ----

    /** Go: execute. Makes gp the M's current G, {@code _Grunning}; inheritTime keeps the time slice. */
    public static void execute(M mp, G gp, boolean inheritTime) {
        Schedule.execute(mp, gp, inheritTime);
    }

    /** Go: globrunqget. One G from the global queue, and up to half a local queue more onto pp's. Must hold sched.lock. */
    public static G globrunqget(P pp, int max) {
        return Schedule.globrunqget(pp, max);
    }

    /** Go: globrunqput. Puts gp at the tail of the global queue. Must hold sched.lock. */
    public static void globrunqput(Sched sched, G gp) {
        Schedule.globrunqput(sched, gp);
    }

    /** Go: globrunqputbatch. Puts n Gs linked from first to last at its tail. Must hold sched.lock. */
    public static void globrunqputbatch(Sched sched, G first, G last, int n) {
        sched.globrunqputbatch(first, last, n);
    }

    /** Go: pidleput. Puts pp (empty run queue) on the idle list. Must hold sched.lock. */
    public static void pidleput(P pp) {
        Threads.pidleput(pp);
    }

    /** Go: pidleget. An idle P, or null. Must hold sched.lock. */
    public static P pidleget(Sched sched) {
        return Threads.pidleget(sched);
    }

    /** Go: pidlegetSpinning. pidleget for an M about to spin; none left asks for one. Must hold sched.lock. */
    public static P pidlegetSpinning(Sched sched) {
        return Threads.pidlegetSpinning(sched);
    }

    /** Go: acquirep. Associates pp (idle) with mp, which has no P. */
    public static void acquirep(M mp, P pp) {
        Threads.acquirep(mp, pp);
    }

    /** Go: wirep. acquirep without its trace event (exitsyscall's fast path). */
    public static void wirep(M mp, P pp) {
        Threads.wirep(mp, pp);
    }

    /** Go: releasep. Disassociates mp from its P and returns the P. */
    public static P releasep(M mp) {
        return Threads.releasep(mp);
    }

    /**
     * Go: stopm, after findRunnable's wait for timers. mp, which has no P, first waits for the
     * next timer if some P has one and no other M does ({@link Netpoll}); it returns holding a P,
     * either taken after that wait or handed over by startm once it was parked. An M locked to a
     * G returns at once without one: its schedule loop waits for that G instead (stoplockedm).
     */
    public static void stopm(M mp) {
        if (mp.lockedg != null) {
            // exitsyscall0 of a locked G, whose M must not go idle: schedule waits for the G
            // (stoplockedm), as Go's exitsyscall0 does before it would call stopm.
            return;
        }
        // stopm's own checks come first ("stopm holding p"...), for a part that calls it wrongly.
        if (mp.locks == 0 && mp.p == null && !mp.spinning && Netpoll.pollUntilNextTimer(mp)) {
            return;
        }
        Threads.stopm(mp);
    }

    /** Go: handoffp. Gives pp, which no M runs now, to an M if it has work, else to the idle list. */
    public static void handoffp(P pp) {
        Threads.handoffp(pp);
    }

    /** Go: wakep. Starts a spinning M on an idle P unless one is spinning already. */
    public static void wakep(Gort rt) {
        Threads.wakep(rt);
    }

    /** Go: goyield. Like gosched, but puts the G on pp's local queue, not the global one (sema hand-off). */
    public static void goyield(M mp) {
        Schedule.goyield(mp);
    }

    /** Go: gcstopm. Stops mp for stop-the-world; returns when the world restarts. */
    public static void gcstopm(M mp) {
        World.gcstopm(mp);
    }
}
