package dev.gort.runtime.os;

import dev.gort.runtime.atomic.Uint32;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The real OS: an M is a platform thread, a futex sleep really blocks that thread, time is
 * {@link System#nanoTime}. One instance per runtime.
 */
public final class RealOs implements Os {
    private final FutexTable futexes = new FutexTable();
    private final Fds fds = new Fds();        // fds 1 and 2 of the process
    private final Map<Machine, OsThread> threads = new ConcurrentHashMap<>(); // every M's thread
    private final String name;
    private volatile boolean exited;
    private final long memoryLimit;
    private final LiveMappings mappings = new LiveMappings(this); // unmapped when this is unreachable

    /** @param name a prefix for thread names, so a thread dump shows which runtime a thread is in */
    public RealOs(String name) {
        this(name, Long.MAX_VALUE);
    }

    /** The same, with at most {@code memoryLimit} bytes mapped at once (like {@code ulimit -v}). */
    public RealOs(String name, long memoryLimit) {
        this.name = name;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public void newosproc(Machine mp, Runnable mstart) {
        OsThread t = new OsThread(mp, mstart, name + "-m" + mp.id());
        threads.put(mp, t);
        t.start();
    }

    @Override
    public Machine getm() {
        return Carrier.thread() instanceof OsThread t ? t.m : null;
    }

    @Override
    public void futexsleep(Uint32 addr, int val, long ns) {
        checkExit();
        Thread self = Carrier.thread();
        OsThread t = self instanceof OsThread o ? o : null;
        FutexTable.Waiter w = t != null ? t.waiter : new FutexTable.Waiter();
        boolean woken;
        if (t != null) {
            t.inOs = true;
        }
        try {
            woken = futexes.sleep(addr, val, ns, w, self);
        } finally {
            if (t != null) {
                t.inOs = false;
            }
        }
        if (!woken) {
            throw new OsExit();
        }
    }

    @Override
    public void futexwakeup(Uint32 addr, int cnt) {
        futexes.wakeup(addr, cnt);
    }

    @Override
    public void osyield() {
        checkExit();
        Thread.yield();
    }

    @Override
    public void procyield(int cycles) {
        for (int i = 0; i < cycles; i++) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void usleep(long usec) {
        checkExit();
        OsThread t = Carrier.thread() instanceof OsThread o ? o : null;
        if (t != null) {
            t.inOs = true;
        }
        LockSupport.parkNanos(usec * 1000);
        if (t != null) {
            t.inOs = false;
        }
        checkExit();
    }

    @Override
    public StackTraceElement[] blockedOutside(Machine mp) {
        OsThread t = threads.get(mp);
        if (t == null || t.inOs || !waiting(t.getState())) {
            return null;
        }
        StackTraceElement[] frames = t.getStackTrace();
        // Read the state again: frames of a thread that has just woken up would be misleading.
        if (t.inOs || !waiting(t.getState()) || inRuntime(frames)) {
            return null;
        }
        return frames;
    }

    /**
     * Whether the wait is in the runtime's own code (the first frame outside the JDK belongs to the
     * runtime's classes): the runtime waits only in OS calls, so a thread seen waiting there is
     * being held up by the JVM (a class being loaded or linked), not by the program.
     */
    private static boolean inRuntime(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue;
            }
            try {
                Class<?> k = Class.forName(c, false, RealOs.class.getClassLoader());
                var src = k.getProtectionDomain().getCodeSource();
                return src != null && src.equals(RealOs.class.getProtectionDomain().getCodeSource());
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                return false; // the program's own class, from a loader we cannot see
            }
        }
        return false;
    }

    private static boolean waiting(Thread.State s) {
        return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    @Override
    public long nanotime() {
        return System.nanoTime();
    }

    @Override
    public long mmap(long n, int prot) {
        if (n > memoryLimit - mappings.bytes()) {
            return -ENOMEM;
        }
        long p = Mappings.mmap(n, prot);
        if (p > 0) {
            mappings.add(p, n);
        }
        return p;
    }

    @Override
    public int munmap(long addr, long n) {
        int r = Mappings.munmap(addr, n);
        if (r == 0) {
            mappings.remove(addr, n);
        }
        return r;
    }

    @Override
    public int madvise(long addr, long n, int advice) {
        return Mappings.madvise(addr, n, advice);
    }

    @Override
    public int mprotect(long addr, long n, int prot) {
        return Mappings.mprotect(addr, n, prot);
    }

    @Override
    public MemorySegment memory(long addr, long n) {
        return Mappings.memory(addr, n);
    }

    @Override
    public int ncpu() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void exit() {
        exited = true;
        futexes.close();
    }

    @Override
    public boolean exited() {
        return exited;
    }

    /** Ends the calling thread if it belongs to this process and the process has exited. */
    private void checkExit() {
        if (exited && getm() != null) {
            throw new OsExit();
        }
    }

    @Override
    public Fds fds() {
        return fds;
    }
}
