package dev.gort.book;

import dev.gort.book.MemoryMaps.Row;
import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.gc.Heap;
import dev.gort.runtime.gc.MSpan;
import dev.gort.runtime.gc.SizeClasses;
import dev.gort.runtime.gc.Type;
import dev.gort.runtime.part.Parts;
import dev.gort.runtime.part.WriteBarrierPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chapter 5's figures, made by running the collector on the simulated OS (seed 1) while the book
 * is built, drawn as chapter 4's grids ({@link MemoryMaps#render}): the heap's pages by span
 * state, and the colours of three objects through a mark with and without the write barrier.
 */
public final class HeapMaps {
    private HeapMaps() {}

    /** The figures' names, as written into the figures folder (NAME.svg). */
    public static final List<String> NAMES = List.of("heap-spans", "lost-object");

    private static final Type NODE = new Type("node", 24, 0, 8);
    private static final int PAGES = 40;

    /** The SVG of figure {@code name}. */
    public static String svg(String name) {
        List<Row> rows = new ArrayList<>();
        Map<String, String[]> legend = new LinkedHashMap<>();
        switch (name) {
            case "heap-spans" -> heapSpans(rows, legend);
            case "lost-object" -> {
                lostObject(Parts.reference(), "barrier", rows, legend);
                lostObject(Parts.reference().writebarrier(NoBarrier::new), "no barrier", rows, legend);
            }
            default -> throw new IllegalArgumentException("no heap figure " + name);
        }
        return MemoryMaps.render(rows, legend);
    }

    // ---- heap-spans ----

    private static void heapSpans(List<Row> rows, Map<String, String[]> legend) {
        legend.put("fresh", new String[] {"#ffffff", "free, never used (zero)"});
        legend.put("dirty", new String[] {"#d9d9d9", "free, used before"});
        legend.put("clean", new String[] {"#2b7bba", "in use, needzero=0"});
        legend.put("needzero", new String[] {"#f6d19b", "in use, needzero=1"});
        Gort.boot(Config.defaults().gomaxprocs(1).simulated(1)).run(() -> {
            Heap heap = Gort.current().heap;
            heap.locals.set(0, 0);
            long base = 0;
            for (int i = 0; i < 1200; i++) {
                long x = heap.newobject(NODE);
                base = base == 0 ? heap.arenaBase(x) : base;
                if (i % 2 == 0) {
                    heap.barrier.writePointer(x, heap.locals.get(0));
                    heap.locals.set(0, x);
                }
                if (i % 200 == 0) {
                    heap.mallocgc(20_000, null, true); // garbage with spans of their own
                }
            }
            rows.add(pages(heap, base, "1200 nodes, 6 x 20 KB (in 32 KB slots)"));
            Gort.gc();
            rows.add(pages(heap, base, "Gort.gc(): half freed"));
            for (int i = 0; i < 1500; i++) {
                heap.mallocgc(64, null, true);
            }
            rows.add(pages(heap, base, "1500 x 64 B more"));
        });
    }

    private static Row pages(Heap heap, long base, String label) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            long p = base + i * SizeClasses.PAGE_SIZE;
            long s = heap.spanOf(p);
            MSpan span = s == 0 ? null : heap.span(s);
            // A freed page still names its old span structure, which may describe another span
            // by now (as in Go): the page is in use only if that span is in use and covers it.
            if (span != null && span.state() == MSpan.mSpanInUse && p >= span.base0()
                    && p < span.base0() + span.npages() * SizeClasses.PAGE_SIZE) {
                cells.add(span.needzero() ? "needzero" : "clean");
            } else {
                cells.add(heap.pageUsedBefore(p) ? "dirty" : "fresh");
            }
        }
        return new Row(label, cells);
    }

    // ---- lost-object ----

    /** A write barrier that only stores: what the figure's second run uses. */
    static final class NoBarrier implements WriteBarrierPart {
        private final Heap heap;

        NoBarrier(Heap heap) {
            this.heap = heap;
        }

        @Override
        public void writePointer(long slot, long ptr) {
            heap.mem.space.putLong(slot, ptr);
        }

        @Override
        public void bulkBarrierPreWrite(long dst, long src, long size) {
        }
    }

    private static void lostObject(Parts parts, String tag, List<Row> rows, Map<String, String[]> legend) {
        legend.put("white", new String[] {"#ffffff", "white (unmarked)"});
        legend.put("marked", new String[] {"#4b5563", "marked (grey or black)"});
        legend.put("grey", new String[] {"#d9d9d9", "stack grey"});
        legend.put("black", new String[] {"#111827", "stack black"});
        legend.put("freed", new String[] {"#b91c1c", "freed while reachable"});
        Gort.boot(Config.defaults().gomaxprocs(1).parts(parts).simulated(1)).run(() -> {
            Heap heap = Gort.current().heap;
            heap.poison = true;
            long holder = heap.newobject(NODE);
            heap.locals.set(0, holder);
            long target = heap.newobject(NODE);
            heap.barrier.writePointer(holder, target);
            heap.mem.space.putLong(target + 16, 42);
            heap.gcWith(() -> {
                rows.add(colours(heap, holder, target, tag + ": mark begins"));
                heap.scanOwnStack();
                rows.add(colours(heap, holder, target, tag + ": stack scanned"));
                heap.locals.set(1, heap.mem.space.getLong(holder));
                heap.barrier.writePointer(holder, 0);
                rows.add(colours(heap, holder, target, tag + ": moved to stack"));
            });
            boolean lost = heap.mem.space.getLong(target + 16) != 42;
            rows.add(new Row(tag + ": after sweep", List.of("marked", lost ? "freed" : "marked", "black")));
        });
    }

    private static Row colours(Heap heap, long holder, long target, String label) {
        return new Row(label, List.of(colour(heap, holder), colour(heap, target),
                heap.currentStackGrey() ? "grey" : "black"));
    }

    private static String colour(Heap heap, long obj) {
        MSpan s = heap.span(heap.spanOf(obj));
        return s.isMarked(s.objIndex(obj)) ? "marked" : "white";
    }
}
