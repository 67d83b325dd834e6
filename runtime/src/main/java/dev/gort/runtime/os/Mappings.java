package dev.gort.runtime.os;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Virtual memory from the kernel: libc's {@code mmap}, {@code munmap}, {@code madvise} and
 * {@code mprotect} called through the Foreign Function and Memory API, so that the runtime's
 * {@code sysAlloc} family gets real mappings, as Go's does.
 *
 * <p>Go: mem_linux.go, sys_linux_amd64.s ({@code mmap}, {@code munmap}, {@code madvise},
 * {@code mprotect}). Linux x86-64 constants. The handles are made on first use, so a runtime that
 * never maps memory never touches native code.
 */
final class Mappings {
    private Mappings() {}

    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;
    static final long MAP_FAILED = -1L;

    /** The downcall handles; initialised on first use (a holder class). */
    private static final class Libc {
        static final MethodHandle MMAP;
        static final MethodHandle MUNMAP;
        static final MethodHandle MADVISE;
        static final MethodHandle MPROTECT;

        static {
            Linker linker = Linker.nativeLinker();
            SymbolLookup libc = linker.defaultLookup();
            MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
            MUNMAP = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
            MADVISE = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
            MPROTECT = linker.downcallHandle(libc.find("mprotect").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        }
    }

    /** An anonymous private mapping of n bytes with protection prot: its address, or -errno. */
    static long mmap(long n, int prot) {
        try {
            MemorySegment p = (MemorySegment) Libc.MMAP.invokeExact(MemorySegment.NULL, n, prot,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            return p.address() == MAP_FAILED ? -Os.ENOMEM : p.address();
        } catch (Throwable t) {
            throw new IllegalStateException("mmap failed to run", t);
        }
    }

    static int munmap(long addr, long n) {
        try {
            return (int) Libc.MUNMAP.invokeExact(MemorySegment.ofAddress(addr), n);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap failed to run", t);
        }
    }

    static int madvise(long addr, long n, int advice) {
        try {
            return (int) Libc.MADVISE.invokeExact(MemorySegment.ofAddress(addr), n, advice);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise failed to run", t);
        }
    }

    static int mprotect(long addr, long n, int prot) {
        try {
            return (int) Libc.MPROTECT.invokeExact(MemorySegment.ofAddress(addr), n, prot);
        } catch (Throwable t) {
            throw new IllegalStateException("mprotect failed to run", t);
        }
    }

    /** The native bytes at [addr, addr+n). */
    static MemorySegment memory(long addr, long n) {
        return MemorySegment.ofAddress(addr).reinterpret(n);
    }
}
