package dev.gort.runtime.gc;

/**
 * The size classes of small objects: a subset of Go's table with Go's sizes and span sizes, and
 * the span class that adds a noscan bit to a size class.
 *
 * <p>Go: sizeclasses.go ({@code class_to_size}, {@code class_to_allocnpages},
 * {@code size_to_class8}, {@code size_to_class128}), mheap.go {@code spanClass},
 * {@code makeSpanClass}.
 *
 * <p>Class 0 is for large objects (over {@link #MAX_SMALL_SIZE}), each in a span of its own. Every
 * small class's span holds at most {@link MSpan#MAX_NELEMS} objects (8-byte objects in one page),
 * which is what lets a span keep its alloc and mark bits inline. Immutable.
 */
public final class SizeClasses {
    private SizeClasses() {}

    public static final long PAGE_SHIFT = 13;                  // Go: _PageShift
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;     // Go: _PageSize, 8 KB
    public static final long MAX_SMALL_SIZE = 32768;           // Go: _MaxSmallSize

    // tag::classes[]
    /** Object size of each class; class 0 is large. A subset of class_to_size. */
    static final int[] CLASS_TO_SIZE = {
        0, 8, 16, 24, 32, 48, 64, 80, 96, 128, 192, 256, 384, 512,
        768, 1024, 2048, 4096, 8192, 16384, 32768};
    /** Pages in a span of each class, as Go's class_to_allocnpages has them. */
    static final int[] CLASS_TO_ALLOCNPAGES = {
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 2, 4};
    // end::classes[]

    public static final int NUM_SIZE_CLASSES = CLASS_TO_SIZE.length;  // Go: _NumSizeClasses
    public static final int NUM_SPAN_CLASSES = NUM_SIZE_CLASSES << 1; // Go: numSpanClasses

    private static final byte[] SIZE_TO_CLASS8 = table(1024, 8);      // sizes up to 1 KB, by 8
    private static final byte[] SIZE_TO_CLASS128 = table(32768, 128); // the rest, by 128

    private static byte[] table(int max, int step) {
        byte[] t = new byte[max / step + 1];
        int c = 1;
        for (int i = 0; i < t.length; i++) {
            while (CLASS_TO_SIZE[c] < i * step) {
                c++;
            }
            t[i] = (byte) c;
        }
        return t;
    }

    /** The smallest class whose objects hold size bytes (1 ≤ size ≤ MAX_SMALL_SIZE). */
    public static int sizeToClass(long size) {
        if (size <= 1024 - 8) {
            return SIZE_TO_CLASS8[(int) ((size + 7) >> 3)];
        }
        return SIZE_TO_CLASS128[(int) ((size - 1024 + 127) >> 7) + 8];
    }

    /** Object size of class c. */
    public static long classToSize(int c) {
        return CLASS_TO_SIZE[c];
    }

    /** Pages of a span of class c. */
    public static long classToAllocNPages(int c) {
        return CLASS_TO_ALLOCNPAGES[c];
    }

    /** Go: makeSpanClass. The size class with the noscan bit in bit 0. */
    public static int makeSpanClass(int sizeclass, boolean noscan) {
        return sizeclass << 1 | (noscan ? 1 : 0);
    }

    /** Go: spanClass.sizeclass. */
    public static int sizeclass(int spc) {
        return spc >> 1;
    }

    /** Go: spanClass.noscan. */
    public static boolean noscan(int spc) {
        return (spc & 1) != 0;
    }
}
