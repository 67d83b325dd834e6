package dev.gort.runtime.part;

import dev.gort.runtime.P;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.mem.Memory;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which implementation of each part a runtime uses. Immutable: each {@code with}-style method
 * returns a new Parts. {@link #reference()} chooses the runtime's own code for every part; a
 * chapter's {@code parts()} replaces the parts its exercises rebuild.
 *
 * <p>A part left unchosen is null here and means "the reference": this package only names the
 * parts, it never builds one. The runtime fills the gaps when it boots ({@code Config}'s wiring for
 * the scheduler and lock parts, {@code Memory}'s for the memory parts), so {@code part} imports no
 * implementation and sits below them (DESIGN.md §2.2a). A runtime's own Parts
 * ({@code Gort.parts}) is always complete.
 */
public final class Parts {
    private final Function<P, RunQueuePart> runq;
    private final Supplier<GFreePart> gfree;
    private final FindRunnablePart findRunnable;
    private final SyscallPart syscall;
    private final MutexPart mutex;
    private final NotePart note;
    private final ParkPart park;
    private final RWMutexPart rwmutex;
    private final Memories memory;
    private final Collector collector;
    private final StackParts stacks;

    /** The factories of the memory parts: each runtime (or each user) gets its own instance. */
    private record Memories(Function<Memory, SysMemPart> sysmem,
                            Function<Memory, PersistentAllocPart> persistentalloc,
                            Function<Memory, FixAllocPart> fixalloc,
                            Function<Memory, LinearAllocPart> linearalloc) {}

    /** The factories of the collector's parts: each runtime's heap gets its own instance. */
    private record Collector(Function<Heap, WriteBarrierPart> writebarrier,
                             Function<Heap, MemclrPart> memclr,
                             Function<Heap, SweepPart> sweep,
                             Function<Heap, MarkrootPart> markroot) {}

    /** The stack parts (chapter 02): a stackalloc per runtime, the others shared. */
    private record StackParts(Function<Memory, StackAllocPart> stackalloc, NewStackPart newstack,
                              CopyStackPart copystack, ShrinkStackPart shrinkstack) {}

    private Parts(Function<P, RunQueuePart> runq, Supplier<GFreePart> gfree, FindRunnablePart findRunnable,
                  SyscallPart syscall, MutexPart mutex, NotePart note, ParkPart park, RWMutexPart rwmutex,
                  Memories memory, Collector collector, StackParts stacks) {
        this.runq = runq;
        this.gfree = gfree;
        this.findRunnable = findRunnable;
        this.syscall = syscall;
        this.mutex = mutex;
        this.note = note;
        this.park = park;
        this.rwmutex = rwmutex;
        this.memory = memory;
        this.collector = collector;
        this.stacks = stacks;
    }

    private static final Parts REFERENCE = new Parts(null, null, null, null, null, null, null, null,
            new Memories(null, null, null, null), new Collector(null, null, null, null),
            new StackParts(null, null, null, null));

    /** The reference implementation of every part: nothing chosen, the runtime supplies each. */
    public static Parts reference() {
        return REFERENCE;
    }

    /**
     * These choices, with every part left unchosen taken from {@code defaults}: how the runtime
     * completes a configuration with its reference parts.
     */
    public Parts orElse(Parts defaults) {
        return new Parts(or(runq, defaults.runq), or(gfree, defaults.gfree),
                or(findRunnable, defaults.findRunnable), or(syscall, defaults.syscall),
                or(mutex, defaults.mutex), or(note, defaults.note), or(park, defaults.park),
                or(rwmutex, defaults.rwmutex),
                new Memories(or(memory.sysmem(), defaults.memory.sysmem()),
                        or(memory.persistentalloc(), defaults.memory.persistentalloc()),
                        or(memory.fixalloc(), defaults.memory.fixalloc()),
                        or(memory.linearalloc(), defaults.memory.linearalloc())),
                new Collector(or(collector.writebarrier(), defaults.collector.writebarrier()),
                        or(collector.memclr(), defaults.collector.memclr()),
                        or(collector.sweep(), defaults.collector.sweep()),
                        or(collector.markroot(), defaults.collector.markroot())),
                new StackParts(or(stacks.stackalloc(), defaults.stacks.stackalloc()),
                        or(stacks.newstack(), defaults.stacks.newstack()),
                        or(stacks.copystack(), defaults.stacks.copystack()),
                        or(stacks.shrinkstack(), defaults.stacks.shrinkstack())));
    }

    private static <T> T or(T chosen, T otherwise) {
        return chosen != null ? chosen : otherwise;
    }

    /** Uses {@code factory} to make each P's local run queue. */
    public Parts runq(Function<P, RunQueuePart> factory) {
        return new Parts(need(factory, "runq"), gfree, findRunnable, syscall, mutex, note, park, rwmutex, memory, collector, stacks);
    }

    /** Uses {@code factory} to make each runtime's free-G pool (it owns the pool's state). */
    public Parts gfree(Supplier<GFreePart> factory) {
        return new Parts(runq, need(factory, "gfree"), findRunnable, syscall, mutex, note, park, rwmutex, memory, collector, stacks);
    }

    public Parts findRunnable(FindRunnablePart p) {
        return new Parts(runq, gfree, need(p, "findRunnable"), syscall, mutex, note, park, rwmutex, memory, collector, stacks);
    }

    public Parts syscall(SyscallPart p) {
        return new Parts(runq, gfree, findRunnable, need(p, "syscall"), mutex, note, park, rwmutex, memory, collector, stacks);
    }

    public Parts mutex(MutexPart p) {
        return new Parts(runq, gfree, findRunnable, syscall, need(p, "mutex"), note, park, rwmutex, memory, collector, stacks);
    }

    public Parts note(NotePart p) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, need(p, "note"), park, rwmutex, memory, collector, stacks);
    }

    public Parts park(ParkPart p) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, need(p, "park"), rwmutex, memory, collector, stacks);
    }

    public Parts rwmutex(RWMutexPart p) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, park, need(p, "rwmutex"), memory, collector, stacks);
    }

    /** Uses {@code factory} to make each runtime's sysAlloc family (exercise sysmem). */
    public Parts sysmem(Function<Memory, SysMemPart> factory) {
        return withMemory(new Memories(need(factory, "sysmem"), memory.persistentalloc(),
                memory.fixalloc(), memory.linearalloc()));
    }

    /** Uses {@code factory} to make each runtime's persistentalloc. */
    public Parts persistentalloc(Function<Memory, PersistentAllocPart> factory) {
        return withMemory(new Memories(memory.sysmem(), need(factory, "persistentalloc"),
                memory.fixalloc(), memory.linearalloc()));
    }

    /** Uses {@code factory} to make every fixalloc. */
    public Parts fixalloc(Function<Memory, FixAllocPart> factory) {
        return withMemory(new Memories(memory.sysmem(), memory.persistentalloc(),
                need(factory, "fixalloc"), memory.linearalloc()));
    }

    /** Uses {@code factory} to make every linearAlloc. */
    public Parts linearalloc(Function<Memory, LinearAllocPart> factory) {
        return withMemory(new Memories(memory.sysmem(), memory.persistentalloc(),
                memory.fixalloc(), need(factory, "linearalloc")));
    }

    private Parts withMemory(Memories m) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, park, rwmutex, m, collector, stacks);
    }

    /** Uses {@code factory} to make each heap's write barrier (exercise writebarrier). */
    public Parts writebarrier(Function<Heap, WriteBarrierPart> factory) {
        return withCollector(new Collector(need(factory, "writebarrier"), collector.memclr(),
                collector.sweep(), collector.markroot()));
    }

    /** Uses {@code factory} to make each heap's zeroing (exercise memclr). */
    public Parts memclr(Function<Heap, MemclrPart> factory) {
        return withCollector(new Collector(collector.writebarrier(), need(factory, "memclr"),
                collector.sweep(), collector.markroot()));
    }

    /** Uses {@code factory} to make each heap's sweeper (exercise sweep). */
    public Parts sweep(Function<Heap, SweepPart> factory) {
        return withCollector(new Collector(collector.writebarrier(), collector.memclr(),
                need(factory, "sweep"), collector.markroot()));
    }

    /** Uses {@code factory} to make each heap's marking (exercise markroot). */
    public Parts markroot(Function<Heap, MarkrootPart> factory) {
        return withCollector(new Collector(collector.writebarrier(), collector.memclr(),
                collector.sweep(), need(factory, "markroot")));
    }

    private Parts withCollector(Collector c) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, park, rwmutex, memory, c, stacks);
    }

    /** Uses {@code factory} to make each runtime's stack allocator (exercise stackalloc). */
    public Parts stackalloc(Function<Memory, StackAllocPart> factory) {
        return withStacks(new StackParts(need(factory, "stackalloc"), stacks.newstack(),
                stacks.copystack(), stacks.shrinkstack()));
    }

    /** Uses p for the prologue's slow path: growth policy and preemption (exercise newstack). */
    public Parts newstack(NewStackPart p) {
        return withStacks(new StackParts(stacks.stackalloc(), need(p, "newstack"), stacks.copystack(),
                stacks.shrinkstack()));
    }

    /** Uses p to move stacks (exercise copystack). */
    public Parts copystack(CopyStackPart p) {
        return withStacks(new StackParts(stacks.stackalloc(), stacks.newstack(), need(p, "copystack"),
                stacks.shrinkstack()));
    }

    /** Uses p to shrink stacks (exercise shrinkstack). */
    public Parts shrinkstack(ShrinkStackPart p) {
        return withStacks(new StackParts(stacks.stackalloc(), stacks.newstack(), stacks.copystack(),
                need(p, "shrinkstack")));
    }

    private Parts withStacks(StackParts st) {
        return new Parts(runq, gfree, findRunnable, syscall, mutex, note, park, rwmutex, memory, collector, st);
    }

    /** A runtime's stack allocator. */
    public StackAllocPart newStackAlloc(Memory mem) {
        return made(chosen(stacks.stackalloc(), "stackalloc").apply(mem), "stackalloc");
    }

    public NewStackPart newstack() {
        return stacks.newstack();
    }

    public CopyStackPart copystack() {
        return stacks.copystack();
    }

    public ShrinkStackPart shrinkstack() {
        return stacks.shrinkstack();
    }

    /** A heap's write barrier. */
    public WriteBarrierPart newWriteBarrier(Heap heap) {
        return made(chosen(collector.writebarrier(), "writebarrier").apply(heap), "writebarrier");
    }

    /** A heap's zeroing. */
    public MemclrPart newMemclr(Heap heap) {
        return made(chosen(collector.memclr(), "memclr").apply(heap), "memclr");
    }

    /** A heap's sweeper. */
    public SweepPart newSweep(Heap heap) {
        return made(chosen(collector.sweep(), "sweep").apply(heap), "sweep");
    }

    /** A heap's marking. */
    public MarkrootPart newMarkroot(Heap heap) {
        return made(chosen(collector.markroot(), "markroot").apply(heap), "markroot");
    }

    /** A runtime's sysAlloc family. */
    public SysMemPart newSysMem(Memory mem) {
        return made(chosen(memory.sysmem(), "sysmem").apply(mem), "sysmem");
    }

    /** A runtime's persistentalloc. */
    public PersistentAllocPart newPersistentAlloc(Memory mem) {
        return made(chosen(memory.persistentalloc(), "persistentalloc").apply(mem), "persistentalloc");
    }

    /** A new fixalloc of runtime mem. */
    public FixAllocPart newFixAlloc(Memory mem) {
        return made(chosen(memory.fixalloc(), "fixalloc").apply(mem), "fixalloc");
    }

    /** A new linearAlloc of runtime mem. */
    public LinearAllocPart newLinearAlloc(Memory mem) {
        return made(chosen(memory.linearalloc(), "linearalloc").apply(mem), "linearalloc");
    }

    private static <T> T made(T part, String name) {
        return Objects.requireNonNull(part, "the " + name + " part's factory returned null");
    }

    private static <F> F chosen(F factory, String name) {
        if (factory == null) {
            throw new IllegalStateException("part " + name + " is the reference, which only a runtime"
                    + " builds: ask the runtime's own parts (Gort.parts), which it completed at boot");
        }
        return factory;
    }

    /** A new local run queue for pp. */
    public RunQueuePart newRunQueue(P pp) {
        return made(chosen(runq, "runq").apply(pp), "runq");
    }

    // The chosen parts: null for one left to the reference, except in a runtime's own (complete) Parts.

    /** A new free-G pool, for one runtime. */
    public GFreePart newGFree() {
        return made(chosen(gfree, "gfree").get(), "gfree");
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
