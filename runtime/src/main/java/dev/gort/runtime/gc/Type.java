package dev.gort.runtime.gc;

import java.util.Arrays;

/**
 * A type descriptor: what the collector knows of a Go type — its size, how many of its leading
 * bytes may hold pointers, and which words do.
 *
 * <p>Go: type.go {@code _type} ({@code Size_}, {@code PtrBytes}, {@code GCData}, the pointer
 * mask with one bit per word) and {@code TFlag}; {@code Pointers()}.
 *
 * <p>Immutable. {@code ptrdata} is the offset just past the last pointer word (0 for a type
 * without pointers: a <em>noscan</em> type, whose objects the collector never scans and whose
 * memory may be cleared without barriers). Pointer words are 8-byte aligned.
 */
public final class Type {
    public static final int PTR_SIZE = 8; // Go: goarch.PtrSize

    /** 8 bytes, no pointers (a uint64). */
    public static final Type UINT64 = new Type("uint64", 8);
    /** One pointer (an unsafe.Pointer). */
    public static final Type POINTER = new Type("unsafe.Pointer", 8, 0);

    public final String name;
    public final long size;      // Go: Size_
    public final long ptrdata;   // Go: PtrBytes: bytes of prefix that may hold pointers
    private final long[] gcdata; // Go: GCData: bit i set = word i is a pointer

    /**
     * A type of {@code size} bytes whose words at the byte offsets {@code ptrOffsets} hold
     * pointers (each a multiple of 8, inside the type).
     */
    public Type(String name, long size, long... ptrOffsets) {
        if (size <= 0) {
            throw new IllegalArgumentException("type " + name + ": size must be > 0, got " + size);
        }
        this.name = name;
        this.size = size;
        this.gcdata = new long[(int) ((size / PTR_SIZE + 63) / 64)];
        long last = -1;
        for (long off : ptrOffsets) {
            if (off < 0 || off % PTR_SIZE != 0 || off + PTR_SIZE > size) {
                throw new IllegalArgumentException("type " + name + ": pointer offset " + off
                        + " must be a multiple of 8 inside the type's " + size + " bytes");
            }
            long w = off / PTR_SIZE;
            gcdata[(int) (w >>> 6)] |= 1L << w;
            last = Math.max(last, off);
        }
        this.ptrdata = last < 0 ? 0 : last + PTR_SIZE;
    }

    /** A type of {@code n} pointers in a row ({@code [n]unsafe.Pointer}). */
    public static Type pointers(String name, int n) {
        long[] offs = new long[n];
        for (int i = 0; i < n; i++) {
            offs[i] = (long) i * PTR_SIZE;
        }
        return new Type(name, (long) n * PTR_SIZE, offs);
    }

    /** Go: _type.Pointers. Whether the type holds any pointer. */
    public boolean pointers() {
        return ptrdata != 0;
    }

    /** Whether word i (byte offset 8i) of a value holds a pointer. */
    public boolean isPointer(long word) {
        return word < gcdata.length * 64L && (gcdata[(int) (word >>> 6)] & (1L << word)) != 0;
    }

    @Override
    public String toString() {
        return name + "{size=" + size + " ptrdata=" + ptrdata + " mask=" + Arrays.toString(gcdata) + "}";
    }
}
