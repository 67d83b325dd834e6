package dev.gort.runtime.part;

/**
 * Marking: scanning the roots (one job per root block and per goroutine) and objects, by their
 * pointer bitmaps, and greying every heap object a pointer reaches.
 * Go: mgcmark.go {@code markroot}, {@code scanblock}, {@code scanobject}, {@code greyobject};
 * mbitmap.go {@code findObject}. Reference: {@code dev.gort.runtime.gc.Markroot}.
 */
public interface MarkrootPart {
    /** Go: markroot. Runs root job i (0 ≤ i < the cycle's job count). */
    void markroot(int i);

    /** Go: scanobject. Greys what the pointer words of the heap object at b point to. */
    void scanobject(long b);

    /**
     * Go: shade (findObject + greyobject). Greys the heap object holding p, if p points into the
     * heap; a pointer into the heap where no object is allocated is Go's "found bad pointer in Go
     * heap". {@code base} and {@code off} say where p was found, for that report.
     */
    void shade(long p, long base, long off);
}
