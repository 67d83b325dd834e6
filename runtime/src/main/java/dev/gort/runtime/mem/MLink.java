package dev.gort.runtime.mem;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * A free object's first word: the link of an intrusive free list kept inside the freed objects.
 *
 * <p>Go: malloc.go {@code type mlink struct { _ sys.NotInHeap; next *mlink }}, used by fixalloc.
 * A fixalloc object's first word is smashed when it is freed and reused. Unaligned: an object of
 * an odd size starts at an odd address, which amd64 (and Go) allow.
 */
public final class MLink extends View {
    // tag::mlink-layout[]
    public static final StructLayout LAYOUT =
            MemoryLayout.structLayout(JAVA_LONG_UNALIGNED.withName("next"));
    static final VarHandle NEXT = LAYOUT.varHandle(groupElement("next"));
    static final long NEXT_OFF = LAYOUT.byteOffset(groupElement("next"));
    static final long NEXT_SIZE = JAVA_LONG_UNALIGNED.byteSize();
    // end::mlink-layout[]

    public MLink(AddressSpace space) {
        super(space);
    }

    /** Points this view at the link at addr. */
    public MLink at(long addr) {
        point(addr);
        return this;
    }

    /** The next free object's address, 0 at the end of the list. */
    public long next() {
        return (long) NEXT.get(mem(NEXT_OFF, NEXT_SIZE), base());
    }

    public void setNext(long next) {
        NEXT.set(mem(NEXT_OFF, NEXT_SIZE), base(), next);
    }
}
