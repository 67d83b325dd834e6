package dev.gort.runtime.part;

/**
 * Entering and leaving system calls, with the P hand-off decisions. Go: proc.go entersyscall,
 * exitsyscall, entersyscallblock. Reference: {@code dev.gort.runtime.sched.Syscalls}.
 */
public interface SyscallPart {
    /** The current G is about to make a call that may block its M. */
    void entersyscall();

    /** The current G is about to make a call that will block: hand the P off now. */
    void entersyscallblock();

    /** The current G returns from its system call and needs a P to go on. */
    void exitsyscall();
}
