package dev.gort.runtime.part;

import dev.gort.runtime.P;
import dev.gort.runtime.lock.LockFutex;
import dev.gort.runtime.lock.NoteFutex;
import dev.gort.runtime.lock.Parking;
import dev.gort.runtime.lock.RWMutexImpl;
import dev.gort.runtime.sched.FindRunnable;
import dev.gort.runtime.sched.GFree;
import dev.gort.runtime.sched.RunQueue;
import dev.gort.runtime.sched.Syscalls;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which implementation of each part a runtime uses. Immutable: each {@code with}-style method
 * returns a new Parts. {@link #reference()} is the runtime's own code for every part; a chapter's
 * {@code parts()} replaces the parts its exercises rebuild.
 */
public final class Parts {
    private final Function<P, RunQueuePart> runq;
    private final GFreePart gfree;
    private final FindRunnablePart findRunnable;
    private final SyscallPart syscall;
    private final MutexPart mutex;
    private final NotePart note;
    private final ParkPart park;
    private final RWMutexPart rwmutex;

    private Parts(Function<P, RunQueuePart> runq, GFreePart gfree, FindRunnablePart findRunnable,
                  SyscallPart syscall, MutexPart mutex, NotePart note, ParkPart park, RWMutexPart rwmutex) {
        this.runq = runq;
        this.gfree = gfree;
        this.findRunnable = findRunnable;
        this.syscall = syscall;
        this.mutex = mutex;
        this.note = note;
        this.park = park;
        this.rwmutex = rwmutex;
    }

    /** The reference implementation of every part. */
    public static Parts reference() {
        return new Parts(RunQueue::new, new GFree(), new FindRunnable(), new Syscalls(),
                new LockFutex(), new NoteFutex(), new Parking(), new RWMutexImpl());
    }

    /** Uses {@code factory} to make each P's local run queue. */
    public Parts runq(Function<P, RunQueuePart> factory) {
        return new Parts(need(factory, "runq"), gfree, findRunnable, syscall, mutex, note, park, rwmutex);
    }

    public Parts gfree(GFreePart p) {
        return new Parts(runq, need(p, "gfree"), findRunnable, syscall, mutex, note, park, rwmutex);
    }

    public Parts findRunnable(FindRunnablePart p) {
        return new Parts(runq, gfree, need(p, "findRunnable"), syscall, mutex, note, park, rwmutex);
    }

    public Parts syscall(SyscallPart p) {
        return new Parts(runq, gfree, findRunnable, need(p, "syscall"), mutex, note, park, rwmutex);
    }

    public Parts mutex(MutexPart p) {
        return new Parts(runq, gfree, findRunnable, syscall, need(p, "mutex"), note, park, rwmutex);
    }

    public Parts note(NotePart p) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, need(p, "note"), park, rwmutex);
    }

    public Parts park(ParkPart p) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, need(p, "park"), rwmutex);
    }

    public Parts rwmutex(RWMutexPart p) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, park, need(p, "rwmutex"));
    }

    /** A new local run queue for pp. */
    public RunQueuePart newRunQueue(P pp) {
        return Objects.requireNonNull(runq.apply(pp), "the runq part's factory returned null");
    }

    public GFreePart gfree() {
        return gfree;
    }

    public FindRunnablePart findRunnable() {
        return findRunnable;
    }

    public SyscallPart syscall() {
        return syscall;
    }

    public MutexPart mutex() {
        return mutex;
    }

    public NotePart note() {
        return note;
    }

    public ParkPart park() {
        return park;
    }

    public RWMutexPart rwmutex() {
        return rwmutex;
    }

    private static <T> T need(T part, String name) {
        if (part == null) {
            throw new IllegalArgumentException("part " + name + " must not be null (use Parts.reference()'s)");
        }
        return part;
    }
}
