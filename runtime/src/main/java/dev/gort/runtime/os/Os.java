package dev.gort.runtime.os;

import dev.gort.runtime.atomic.Uint32;
import java.lang.foreign.MemorySegment;

/**
 * The OS interface: the only way the runtime creates threads, blocks them, or reads time.
 *
 * <p>One instance belongs to one runtime (one "process"). After {@link #exit} every thread of that
 * process that enters the OS again is ended by {@link OsExit}, as if the process were gone; a thread
 * already asleep in {@link #futexsleep} is woken and ended the same way.
 */
public interface Os {
    /** Starts a new OS thread for {@code mp} that runs {@code mstart}. Go: newosproc. */
    void newosproc(Machine mp, Runnable mstart);

    /** The M running on the calling thread, or null when the caller is not one of this OS's threads. */
    Machine getm();

    /**
     * Sleeps if {@code addr} still holds {@code val}, until woken by {@link #futexwakeup}, for at most
     * {@code ns} nanoseconds ({@code ns < 0}: no limit). May return spuriously: callers loop.
     */
    void futexsleep(Uint32 addr, int val, long ns);

    /** Wakes up to {@code cnt} threads sleeping on {@code addr}. */
    void futexwakeup(Uint32 addr, int cnt);

    /** Gives up the CPU to another thread. Go: osyield (sched_yield). */
    void osyield();

    /** Spins for about {@code cycles} pause instructions without giving up the CPU. Go: procyield. */
    void procyield(int cycles);

    /** Sleeps for {@code usec} microseconds. Go: usleep. */
    void usleep(long usec);

    /**
     * The frames of {@code mp}'s thread if it is blocked in the JVM outside every call of this OS
     * (a Java monitor, {@code Object.wait}, {@code Thread.sleep}, a {@code java.util.concurrent}
     * lock): a wait the runtime cannot see, unlike a futex sleep. Null while the thread runs or
     * sleeps inside this OS. sysmon retakes the P of an M found so (Go has no such case: every
     * blocking call of a Go program goes through the runtime).
     */
    StackTraceElement[] blockedOutside(Machine mp);

    /** Monotonic time in nanoseconds. Go: nanotime. */
    long nanotime();

    // Memory (Linux values): what the sysAlloc family is built on. Addresses are longs: real ones on
    // the real OS, simulated ones (deterministic for a seed) on the simulated OS.
    int PROT_NONE = 0;
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MADV_DONTNEED = 4;
    int MADV_HUGEPAGE = 14;
    int MADV_NOHUGEPAGE = 15;
    int ENOMEM = 12;
    /** The page size mappings are made of (Go: physPageSize). */
    long PAGE_SIZE = 4096;

    /**
     * Go: mmap (anonymous, private). Maps {@code n} bytes, a multiple of the page size, with
     * protection {@code prot}; zero-filled on first touch. Returns the address, or a negative errno
     * ({@code -ENOMEM}) if the kernel refused.
     */
    long mmap(long n, int prot);

    /** Go: munmap. Unmaps [addr, addr+n), which may be part of a mapping. Returns 0, or -1. */
    int munmap(long addr, long n);

    /** Go: madvise. With MADV_DONTNEED the pages' contents are forfeit (they read as zero after). */
    int madvise(long addr, long n, int advice);

    /** Go: mprotect. Changes the protection of mapped pages; returns 0, or -1 on failure. */
    int mprotect(long addr, long n, int prot);

    /**
     * The bytes at [addr, addr+n), which must lie in one mapping made by {@link #mmap}: how the
     * runtime reads and writes memory it mapped. On the real OS, touching pages that are not
     * readable or writable kills the process with SIGSEGV, as in Go.
     */
    MemorySegment memory(long addr, long n);

    /** Number of CPUs the runtime may use. Go: ncpu. */
    int ncpu();

    /**
     * Ends the process: wakes every sleeping thread so that it ends, and makes every later OS call
     * from this process's threads end the calling thread. Idempotent.
     */
    void exit();

    /** Whether {@link #exit} has been called. */
    boolean exited();

    /** The process's standard output and error (Go: fds 1 and 2). */
    Fds fds();

    /**
     * Go: write1. Writes {@code n} bytes of {@code b} from {@code off} to file descriptor {@code fd}
     * (1 or 2); returns {@code n}, or a negative errno. Not a scheduling point: printing never
     * changes which M runs next on the simulated OS.
     */
    default int write(int fd, byte[] b, int off, int n) {
        return fds().write(fd, b, off, n);
    }
}
