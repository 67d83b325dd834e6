package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.lock.Note.noteclear;
import static dev.gort.runtime.lock.Note.notetsleep;
import static dev.gort.runtime.lock.Note.notewakeup;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.WaitReason;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.lock.Park;
import dev.gort.runtime.trace.Tracer;
import java.util.Arrays;

/**
 * Stopping and starting the world, and changing the number of Ps.
 *
 * <p>Go: proc.go {@code stopTheWorldWithSema}, {@code startTheWorldWithSema}, {@code gcstopm},
 * {@code procresize}, {@code (*p).init}, {@code (*p).destroy}; debug.go {@code GOMAXPROCS}.
 *
 * <p>Stop-the-world sets {@code sched.gcwaiting} and counts down {@code stopwait} as every P stops:
 * the caller's own P at once, idle Ps and Ps in system calls by taking them, running Ps when their M
 * next enters the scheduler ({@code gcstopm}). Preemption is cooperative in gort so far, so a G
 * that never reaches a preemption point holds the world up, as in Go before 1.14. Only one
 * goroutine stops the world at a time ({@code worldsema}: the others park).
 */
public final class World {
    private World() {}

    /**
     * Go: GOMAXPROCS. Sets the number of Ps under stop-the-world and returns the previous value;
     * {@code n < 1} only reads it. Called on a user G.
     */
    public static int gomaxprocs(int n) {
        Gort rt = Gort.current();
        Sched sched = rt.sched;
        lock(sched.lock);
        int ret = sched.gomaxprocs;
        unlock(sched.lock);
        if (n <= 0 || n == ret) {
            return ret;
        }
        stopTheWorld(() -> sched.newprocs = n);
        return ret;
    }

    /**
     * Go: stopTheWorld ... startTheWorld. Runs fn on the system stack with every P stopped, then
     * restarts the world. Called on a user G; one goroutine stops the world at a time.
     */
    public static void stopTheWorld(Runnable fn) {
        Gort rt = Gort.current();
        semacquireWorld(rt);
        Switch.systemstack(() -> {
            stopTheWorldWithSema(rt);
            fn.run();
            startTheWorldWithSema(rt);
        });
        semreleaseWorld(rt);
    }

    /** Go: semacquire(&worldsema). Parks until this G may stop the world. */
    private static void semacquireWorld(Gort rt) {
        Sched sched = rt.sched;
        lock(sched.lock);
        if (!sched.worldHeld) {
            sched.worldHeld = true;
            unlock(sched.lock);
            return;
        }
        sched.worldWaiters.pushBack(Switch.getg());
        // The releaser hands ownership over directly and readies us.
        Park.goparkunlock(sched.lock, WaitReason.STOPPING_THE_WORLD);
    }

    /** Go: semrelease(&worldsema). */
    private static void semreleaseWorld(Gort rt) {
        Sched sched = rt.sched;
        lock(sched.lock);
        G next = sched.worldWaiters.pop();
        if (next == null) {
            sched.worldHeld = false;
        }
        unlock(sched.lock);
        if (next != null) {
            Park.goready(next);
        }
    }

    /** Go: stopTheWorldWithSema. On g0 of an M holding a P; returns with every P stopped. */
    static void stopTheWorldWithSema(Gort rt) {
        M mp = Switch.getm();
        Sched sched = rt.sched;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.STW_START, 0, mp.p.id, 0);
        }
        lock(sched.lock);
        sched.stopwait = sched.gomaxprocs;
        sched.gcwaiting.store(true);
        Sysmon.preemptall(rt);
        // stop current P
        mp.p.status.store(P._Pgcstop); // Pgcstop is only diagnostic.
        sched.stopwait--;
        // try to retake all P's in Psyscall status
        for (P pp : sched.allp) {
            int s = pp.status.load();
            if (s == P._Psyscall && pp.status.cas(s, P._Pgcstop)) {
                pp.syscalltick++;
                sched.stopwait--;
            }
        }
        // stop idle P's
        for (P pp = Threads.pidleget(sched); pp != null; pp = Threads.pidleget(sched)) {
            pp.status.store(P._Pgcstop);
            sched.stopwait--;
        }
        boolean wait = sched.stopwait > 0;
        unlock(sched.lock);

        // wait for remaining P's to stop voluntarily
        if (wait) {
            for (;;) {
                // wait for 100us, then try to re-preempt in case of any races
                if (notetsleep(sched.stopnote, 100_000)) {
                    noteclear(sched.stopnote);
                    break;
                }
                Sysmon.preemptall(rt);
            }
        }

        // sanity checks
        if (sched.stopwait != 0) {
            throw Panic.throw_("stopTheWorld: not stopped (stopwait != 0)");
        }
        for (P pp : sched.allp) {
            if (pp.status.load() != P._Pgcstop) {
                throw Panic.throw_("stopTheWorld: not stopped (status != _Pgcstop)");
            }
        }
    }

    /** Go: startTheWorldWithSema. Applies a pending GOMAXPROCS change and restarts every P. */
    static void startTheWorldWithSema(Gort rt) {
        M mp = Switch.getm();
        Sched sched = rt.sched;
        lock(sched.lock);
        int procs = sched.gomaxprocs;
        if (sched.newprocs != 0) {
            procs = sched.newprocs;
            sched.newprocs = 0;
        }
        P p1 = procresize(rt, mp, procs);
        sched.gcwaiting.store(false);
        if (sched.sysmonwait.load()) {
            sched.sysmonwait.store(false);
            notewakeup(sched.sysmonnote);
        }
        unlock(sched.lock);

        while (p1 != null) {
            P p = p1;
            p1 = p1.link;
            p.link = null;
            if (p.m != null) {
                M nmp = p.m;
                p.m = null;
                if (nmp.nextp != null) {
                    throw Panic.throw_("startTheWorld: inconsistent mp->nextp");
                }
                nmp.nextp = p;
                notewakeup(nmp.park);
            } else {
                // Start M to run P. Do not start another M below.
                lock(sched.lock);
                long id = Threads.mReserveID(sched);
                unlock(sched.lock);
                Threads.newm(rt, null, p, id, false);
            }
        }
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.STW_DONE, 0, mp.p.id, procs);
        }
        // Wakeup an additional proc in case we have excessive runnable goroutines in local queues
        // or in the global queue.
        Threads.wakep(rt);
    }

    /** Go: gcstopm. Stops the current M for stop-the-world; returns when the world restarts. */
    static void gcstopm(M mp) {
        Sched sched = mp.rt.sched;
        if (!sched.gcwaiting.load()) {
            throw Panic.throw_("gcstopm: not waiting for gc");
        }
        if (mp.spinning) {
            mp.spinning = false;
            // OK to just drop nmspinning here, startTheWorld will unpark threads as necessary.
            if (sched.nmspinning.add(-1) < 0) {
                throw Panic.throw_("gcstopm: negative nmspinning");
            }
        }
        P pp = Threads.releasep(mp);
        lock(sched.lock);
        pp.status.store(P._Pgcstop);
        sched.stopwait--;
        if (sched.stopwait == 0) {
            notewakeup(sched.stopnote);
        }
        unlock(sched.lock);
        Threads.stopm(mp);
    }

    /**
     * Go: procresize. Changes the number of Ps to nprocs with the world stopped (or at boot), and
     * returns the list of Ps that have local work, each with an M to run it if one was idle. The
     * calling M keeps its P if it survives, else takes allp[0].
     */
    public static P procresize(Gort rt, M mp, int nprocs) {
        Sched sched = rt.sched;
        Mutex.assertLockHeld(sched.lock);
        int old = sched.gomaxprocs;
        if (old < 0 || nprocs <= 0) {
            throw Panic.throw_("procresize: invalid arg");
        }
        // Grow allp if necessary: Ps are never freed; a dead one is reused when it grows again.
        // There is no upper limit (Go dropped its 1024 in 1.10): the per-P tables of the other
        // subsystems grow with allp.
        if (nprocs > sched.allpCap.length) {
            rt.pinit(nprocs);
            P[] grown = Arrays.copyOf(sched.allpCap, nprocs);
            for (int i = sched.allpCap.length; i < nprocs; i++) {
                grown[i] = new P(rt, i);
            }
            sched.allpCap = grown;
        }
        // initialize new P's
        for (int i = old; i < nprocs; i++) {
            sched.allpCap[i].status.store(P._Pgcstop);
        }
        P[] allp = Arrays.copyOf(sched.allpCap, nprocs);

        if (mp.p != null && mp.p.id < nprocs) {
            // continue to use the current P
            mp.p.status.store(P._Prunning);
        } else {
            // release the current P and acquire allp[0]
            if (mp.p != null) {
                mp.p.m = null;
            }
            mp.p = null;
            P pp = allp[0];
            pp.m = null;
            pp.status.store(P._Pidle);
            Threads.acquirep(mp, pp);
        }
        // release resources from unused P's
        for (int i = nprocs; i < old; i++) {
            destroy(sched.allpCap[i], mp.p);
        }
        sched.allp = allp;
        sched.idlepMask = new PMask(nprocs);
        sched.npidle.store(0);
        sched.pidle = null;

        P runnablePs = null;
        for (int i = nprocs - 1; i >= 0; i--) {
            P pp = allp[i];
            if (mp.p == pp) {
                continue;
            }
            pp.status.store(P._Pidle);
            if (pp.runq.runqempty()) {
                Threads.pidleput(pp);
            } else {
                pp.m = Threads.mget(sched);
                pp.link = runnablePs;
                runnablePs = pp;
            }
        }
        sched.stealOrder = new RandomOrder(nprocs);
        sched.gomaxprocs = nprocs;
        return runnablePs;
    }

    /**
     * Go: (*p).destroy. A P beyond the new GOMAXPROCS: its runnable Gs go to the head of the global
     * queue, its timers to {@code plocal} (the P running procresize), its free Gs to the global
     * pool, and it becomes _Pdead.
     */
    private static void destroy(P pp, P plocal) {
        Sched sched = pp.rt.sched;
        Mutex.assertLockHeld(sched.lock);
        // Move all runnable goroutines to the head of the global queue, keeping their order.
        G[] gs = new G[RunQueue.SIZE + 1];
        int n = 0;
        for (G gp = pp.runq.runqget(); gp != null; gp = pp.runq.runqget()) {
            gs[n++] = gp;
        }
        for (int i = n - 1; i >= 0; i--) {
            sched.runq.push(gs[i]);
        }
        plocal.timers.take(pp.timers);
        pp.rt.sched.gFree.gfpurge(pp);
        pp.status.store(P._Pdead);
    }
}
