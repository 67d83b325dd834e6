package dev.gort.runtime.sched;

import static dev.gort.runtime.lock.Mutex.lock;
import static dev.gort.runtime.lock.Mutex.unlock;
import static dev.gort.runtime.lock.Note.noteclear;
import static dev.gort.runtime.lock.Note.notesleep;
import static dev.gort.runtime.lock.Note.notewakeup;

import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.M;
import dev.gort.runtime.P;
import dev.gort.runtime.Panic;
import dev.gort.runtime.Switch;
import dev.gort.runtime.lock.Mutex;
import dev.gort.runtime.os.OsExit;
import dev.gort.runtime.trace.Tracer;

/**
 * Ms and Ps: starting, parking and waking threads, and passing Ps between them.
 *
 * <p>Go: proc.go {@code mstart}, {@code newm}, {@code allocm}, {@code startm}, {@code stopm},
 * {@code handoffp}, {@code wakep}, {@code mput}/{@code mget}, {@code pidleput}/{@code pidleget},
 * {@code acquirep}/{@code wirep}/{@code releasep}, {@code incidlelocked}.
 *
 * <p>Worker thread parking/unparking (after the design note at the top of Go's proc.go). We must
 * balance keeping enough running Ms to use the available Ps against not burning CPU on idle ones.
 * Go's rule: unpark a thread only when there is an idle P and no M is spinning (looking for work).
 * A spinning M that finds work stops spinning and wakes another spinner ({@code resetspinning});
 * so a burst of new work wakes Ms one at a time, each one confirming there is more to do. Work
 * submission ({@code newproc}, {@code ready}) calls {@code wakep}, which does nothing if someone is
 * already spinning. The last spinning M to give up re-checks every queue after leaving the spinning
 * state (findRunnable's "delicate dance"), so work submitted in that window is never stranded.
 */
public final class Threads {
    private Threads() {}

    /** The top of every M's thread: Go's mstart and mstart1, then the scheduler. */
    public static void mstart(M mp) {
        Gort rt = mp.rt;
        try {
            if (mp.mstartfn != null) {
                mp.mstartfn.run(); // sysmon: never returns
            }
            if (mp.p == null) {
                acquirep(mp, mp.nextp);
                mp.nextp = null;
            }
            Schedule.schedule(mp);
        } catch (OsExit e) {
            // The process ended: the thread vanishes with it.
        } catch (Throwable t) {
            rt.internalError(mp, t);
        }
    }

    /**
     * Go: rt0_go and schedinit. Boots the runtime on m0's new thread: creates the Ps, starts
     * sysmon, makes the main goroutine (goid 1) and enters the scheduler.
     */
    public static void rt0go(Gort rt, Runnable main) {
        Sched sched = rt.sched;
        M m0 = new M(rt, 0, false); // nothing else runs yet: no lock needed to publish it
        sched.allm = m0;
        sched.mnext = 1;
        sched.mstarted.add(1);
        m0.mstartfn = () -> schedinit(rt, m0, main);
        rt.os.newosproc(m0, () -> mstart(m0));
    }

    private static void schedinit(Gort rt, M m0, Runnable main) {
        Sched sched = rt.sched;
        lock(sched.lock);
        if (World.procresize(rt, m0, rt.config.gomaxprocs()) != null) {
            throw Panic.throw_("unknown runnable goroutine during bootstrap");
        }
        long id = mReserveID(sched);
        unlock(sched.lock);
        sched.lastpoll.store(rt.os.nanotime()); // nobody is in the timer poller yet
        newm(rt, () -> Sysmon.sysmon(Switch.getm()), null, id, false);
        G maing = Proc.newproc1(main, null, m0.p);
        maing.isMain = true;
        m0.p.runq.runqput(maing, true);
        rt.mainStarted = true;
    }

    /** Go: newm. Creates a new M (and its thread) that starts with pp, or runs fn if it has none. */
    static void newm(Gort rt, Runnable fn, P pp, long id, boolean spinning) {
        M nmp = allocm(rt, id, fn != null);
        nmp.mstartfn = fn;
        nmp.nextp = pp;
        nmp.spinning = spinning;
        rt.os.newosproc(nmp, () -> mstart(nmp));
    }

    /** Go: allocm + mcommoninit. Makes an M and links it into allm. */
    public static M allocm(Gort rt, long id, boolean system) {
        M mp = new M(rt, id, system);
        Sched sched = rt.sched;
        lock(sched.lock);
        mp.alllink = sched.allm;
        sched.allm = mp;
        unlock(sched.lock);
        sched.mstarted.add(1);
        return mp;
    }

    /**
     * Go: mReserveID. Reserves an M id; the M counts as running from now on (for checkdead).
     */
    static long mReserveID(Sched sched) {
        Mutex.assertLockHeld(sched.lock);
        if (sched.mnext + 1 < sched.mnext) {
            throw Panic.throw_("runtime: thread ID overflow");
        }
        long id = sched.mnext;
        sched.mnext++;
        checkmcount(sched);
        return id;
    }

    private static void checkmcount(Sched sched) {
        if (sched.mcount() - sched.nmsys > Sched.MAX_MCOUNT) {
            Panic.print("runtime: program exceeds " + Sched.MAX_MCOUNT + "-thread limit\n");
            throw Panic.throw_("thread exhaustion");
        }
    }

    /** Go: mput. Puts mp on the idle list. */
    static void mput(M mp) {
        Mutex.assertLockHeld(mp.rt.sched.lock);
        Sched sched = mp.rt.sched;
        mp.schedlink = sched.midle;
        sched.midle = mp;
        sched.nmidle++;
        CheckDead.checkdead(mp.rt);
    }

    /** Go: mget. Takes an M from the idle list, or null. */
    public static M mget(Sched sched) {
        Mutex.assertLockHeld(sched.lock);
        M mp = sched.midle;
        if (mp != null) {
            sched.midle = mp.schedlink;
            mp.schedlink = null;
            sched.nmidle--;
        }
        return mp;
    }

    /** Go: pidleput. Puts an idle P (empty run queue) on the idle list. */
    static void pidleput(P pp) {
        Mutex.assertLockHeld(pp.rt.sched.lock);
        if (!pp.runq.runqempty()) {
            throw Panic.throw_("pidleput: P has non-empty run queue");
        }
        Sched sched = pp.rt.sched;
        sched.idlepMask.set(pp.id);
        pp.link = sched.pidle;
        sched.pidle = pp;
        sched.npidle.add(1);
    }

    /** Go: pidleget. Takes a P from the idle list, or null. */
    static P pidleget(Sched sched) {
        Mutex.assertLockHeld(sched.lock);
        P pp = sched.pidle;
        if (pp != null) {
            sched.idlepMask.clear(pp.id);
            sched.pidle = pp.link;
            pp.link = null;
            sched.npidle.add(-1);
        }
        return pp;
    }

    /**
     * Go: pidlegetSpinning. pidleget for a would-be spinning M; if there is no idle P, records that
     * an M should start spinning as soon as one is released.
     */
    static P pidlegetSpinning(Sched sched) {
        Mutex.assertLockHeld(sched.lock);
        P pp = pidleget(sched);
        if (pp == null) {
            sched.needspinning.store(1);
        }
        return pp;
    }

    /** Go: acquirep. Associates pp with the current M. */
    static void acquirep(M mp, P pp) {
        wirep(mp, pp);
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.PROC_START, 0, pp.id, 0);
        }
    }

    /** Go: wirep. The first half of acquirep, without tracing. */
    static void wirep(M mp, P pp) {
        if (mp.p != null) {
            throw Panic.throw_("wirep: already in go");
        }
        if (pp.m != null || pp.status.load() != P._Pidle) {
            Panic.print("runtime: wirep: p->m=" + pp.m + " p->status=" + P.statusString(pp.status.load()) + "\n");
            throw Panic.throw_("wirep: invalid p state");
        }
        mp.p = pp;
        pp.m = mp;
        pp.status.store(P._Prunning);
    }

    /** Go: releasep. Disassociates the current M from its P and returns the P. */
    static P releasep(M mp) {
        P pp = mp.p;
        if (pp == null) {
            throw Panic.throw_("releasep: invalid arg");
        }
        if (pp.m != mp || pp.status.load() != P._Prunning) {
            Panic.print("runtime: releasep: m=" + mp + " m->p=" + pp + " p->m=" + pp.m
                    + " p->status=" + P.statusString(pp.status.load()) + "\n");
            throw Panic.throw_("releasep: invalid p state");
        }
        Gort rt = mp.rt;
        if (rt.tracing) {
            rt.tracer.event(mp, Tracer.PROC_STOP, 0, pp.id, 0);
        }
        mp.p = null;
        pp.m = null;
        pp.status.store(P._Pidle);
        return pp;
    }

    // tag::stopm[]
    /** Go: stopm. Parks the M (no P) until startm hands it a P. */
    static void stopm(M mp) {
        if (mp.locks != 0) {
            throw Panic.throw_("stopm holding locks");
        }
        if (mp.p != null) {
            throw Panic.throw_("stopm holding p");
        }
        if (mp.spinning) {
            throw Panic.throw_("stopm spinning");
        }
        Sched sched = mp.rt.sched;
        lock(sched.lock);
        mput(mp);
        unlock(sched.lock);
        mPark(mp);
        acquirep(mp, mp.nextp);
        mp.nextp = null;
    }
    // end::stopm[]

    // tag::mPark[]
    /** Go: mPark. Sleeps on the M's park note until woken, and clears it. */
    static void mPark(M mp) {
        notesleep(mp.park);
        noteclear(mp.park);
    }
    // end::mPark[]

    /**
     * Go: startm. Schedules some M to run pp (an idle P if pp is null; then nothing happens if there
     * is none). With spinning, the M starts out spinning and pp must be non-null. lockheld says the
     * caller holds sched.lock.
     */
    static void startm(Gort rt, P pp, boolean spinning, boolean lockheld) {
        // Disable preemption: the caller owns pp until it is handed to the new M.
        M mp = M.acquirem();
        Sched sched = rt.sched;
        if (!lockheld) {
            lock(sched.lock);
        }
        if (pp == null) {
            if (spinning) {
                throw Panic.throw_("startm: P required for spinning=true");
            }
            pp = pidleget(sched);
            if (pp == null) {
                if (!lockheld) {
                    unlock(sched.lock);
                }
                M.releasem(mp);
                return;
            }
        }
        M nmp = mget(sched);
        if (nmp == null) {
            // No idle M: make a new one. Reserve its id while holding the lock so that checkdead
            // counts it as running from now on.
            long id = mReserveID(sched);
            if (!lockheld) {
                unlock(sched.lock);
            }
            newm(rt, null, pp, id, spinning);
            M.releasem(mp);
            return;
        }
        if (!lockheld) {
            unlock(sched.lock);
        }
        if (nmp.spinning) {
            throw Panic.throw_("startm: m is spinning");
        }
        if (nmp.nextp != null) {
            throw Panic.throw_("startm: m has p");
        }
        if (spinning && !pp.runq.runqempty()) {
            throw Panic.throw_("startm: p has runnable gs");
        }
        // The caller incremented nmspinning, so set m.spinning in the new M.
        nmp.spinning = spinning;
        nmp.nextp = pp;
        notewakeup(nmp.park);
        M.releasem(mp);
    }

    // tag::handoffp[]
    /**
     * Go: handoffp. Hands off pp from an M that is leaving user code (a system
     * call, or the P was retaken): start an M for it if there is work, else put it
     * on the idle list.
     */
    static void handoffp(P pp) {
        Gort rt = pp.rt;
        Sched sched = rt.sched;
        sched.handoffs.add(1);
        if (rt.tracing) {
            rt.tracer.event(Switch.getm(), Tracer.HANDOFF, 0, pp.id, 0);
        }
        // if it has local work, start it straight away
        if (!pp.runq.runqempty() || sched.runq.size() != 0) {
            startm(rt, pp, false, false);
            return;
        }
        // no local work, check that there are no spinning/idle M's, otherwise our
        // help is not required
        if (sched.nmspinning.load() + sched.npidle.load() == 0
                && sched.nmspinning.cas(0, 1)) {
            sched.needspinning.store(0);
            startm(rt, pp, true, false);
            return;
        }
        lock(sched.lock);
        if (sched.gcwaiting.load()) {
            pp.status.store(P._Pgcstop);
            sched.stopwait--;
            if (sched.stopwait == 0) {
                notewakeup(sched.stopnote);
            }
            unlock(sched.lock);
            return;
        }
        if (sched.runq.size() != 0) {
            unlock(sched.lock);
            startm(rt, pp, false, false);
            return;
        }
        long when = pp.timers.wakeTime();
        pidleput(pp);
        unlock(sched.lock);
        if (when != 0) {
            // someone must still wake for its timers
            Netpoll.wakeNetPoller(rt, when);
        }
    }
    // end::handoffp[]

    // tag::wakep[]
    /**
     * Go: wakep. Tries to add one more P to execute Gs: called when a G became
     * runnable (newproc, ready) or a spinning M found work. Does nothing if an M is
     * already spinning.
     */
    static void wakep(Gort rt) {
        Sched sched = rt.sched;
        // No unlocked "npidle == 0" return (Go 1.19 had one): it races an M
        // between releasep and pidleput, which sees no work and parks while
        // this G waits beside the P it frees (golang/go#45867). pidlegetSpinning
        // decides under sched.lock, and with no idle P it sets needspinning:
        // the releasing M then spins in our place.
        //
        // Be conservative about spinning threads, only start one if none exist
        // already.
        if (sched.nmspinning.load() != 0 || !sched.nmspinning.cas(0, 1)) {
            return;
        }
        // Disable preemption until ownership of pp transfers to the next M in
        // startm.
        M mp = M.acquirem();
        lock(sched.lock);
        P pp = pidlegetSpinning(sched);
        if (pp == null) {
            if (sched.nmspinning.add(-1) < 0) {
                throw Panic.throw_("wakep: negative nmspinning");
            }
            unlock(sched.lock);
            M.releasem(mp);
            return;
        }
        unlock(sched.lock);
        startm(rt, pp, true, false);
        M.releasem(mp);
    }
    // end::wakep[]

    // tag::stoplockedm[]
    /**
     * Go: stoplockedm. The M is locked to a G that cannot run now: give the P to
     * another M and sleep until someone hands the G back (startlockedm). Returns
     * holding the P that came with it.
     */
    static void stoplockedm(M mp) {
        G lockedg = mp.lockedg;
        if (lockedg == null || lockedg.lockedm != mp) {
            throw Panic.throw_("stoplockedm: inconsistent locking");
        }
        if (mp.p != null) {
            // Schedule another M to run this p.
            handoffp(releasep(mp));
        }
        incidlelocked(mp.rt, 1);
        // Wait until another thread schedules lockedg again.
        mPark(mp);
        int status = lockedg.readgstatus();
        if ((status & ~G._Gscan) != G._Grunnable) {
            Panic.print("runtime:stoplockedm: lockedg (atomicstatus=" + status
                    + ") is not Grunnable or Gscanrunnable\n");
            throw Panic.throw_("stoplockedm: not runnable");
        }
        acquirep(mp, mp.nextp);
        mp.nextp = null;
    }
    // end::stoplockedm[]

    // tag::startlockedm[]
    /**
     * Go: startlockedm. findRunnable gave M self a G that is locked to another M:
     * hand self's P to that M, wake it to run the G, and park self.
     */
    static void startlockedm(M self, G gp) {
        M mp = gp.lockedm;
        if (mp == self) {
            throw Panic.throw_("startlockedm: locked to me");
        }
        if (mp.nextp != null) {
            throw Panic.throw_("startlockedm: m has p");
        }
        // directly handoff current P to the locked m
        incidlelocked(self.rt, -1);
        P pp = releasep(self);
        mp.nextp = pp;
        notewakeup(mp.park);
        stopm(self);
    }
    // end::startlockedm[]

    /**
     * Go: mexit. The M's G exited while locked to it (LockOSThread): the thread may be in a state
     * no other goroutine should inherit, so it ends instead of going back to the idle list. Its P
     * is handed off and it no longer counts as an M. The caller returns from mstart.
     */
    static void mexit(M mp) {
        handoffp(releasep(mp));
        Sched sched = mp.rt.sched;
        lock(sched.lock);
        sched.nmfreed++;
        mp.exited = true;
        CheckDead.checkdead(mp.rt);
        unlock(sched.lock);
    }

    /** Go: incidlelocked. Adjusts the count of locked idle Ms, and checks for deadlock. */
    static void incidlelocked(Gort rt, int v) {
        Sched sched = rt.sched;
        lock(sched.lock);
        sched.nmidlelocked += v;
        if (v > 0) {
            CheckDead.checkdead(rt);
        }
        unlock(sched.lock);
    }
}
