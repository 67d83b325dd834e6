package dev.gort.book;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.gort.runtime.Config;
import dev.gort.runtime.Gort;
import dev.gort.runtime.mem.MemStats;
import dev.gort.runtime.mem.Memory;
import dev.gort.runtime.mem.Region;
import dev.gort.runtime.mem.RegionState;
import dev.gort.runtime.os.Os;
import dev.gort.runtime.part.FixAllocPart;

/**
 * Chapter 4's figures, made by running the runtime's unmanaged memory on the simulated OS (seed
 * 1) and drawing what its tables say after each step: the address space coloured by region state,
 * a fixalloc chunk's objects as they are freed and reused, a persistentalloc chunk filling up.
 * Each figure is a grid: one row per step (labelled with the call), one cell per page or object.
 */
public final class MemoryMaps {
    private MemoryMaps() {}

    /** The figures' names, as written into the figures folder (NAME.svg). */
    public static final List<String> NAMES = List.of("address-space", "fixalloc-reuse", "persistent-chunk");

    /** One row: its label and one colour key per cell. */
    record Row(String label, List<String> cells) {}

    /** The SVG of figure {@code name}. */
    public static String svg(String name) {
        List<Row> rows = new ArrayList<>();
        Map<String, String[]> legend = new LinkedHashMap<>();
        Gort.boot(Config.defaults().gomaxprocs(1).simulated(1)).run(() -> {
            Memory mem = Gort.current().mem;
            switch (name) {
                case "address-space" -> addressSpace(mem, rows, legend);
                case "fixalloc-reuse" -> fixalloc(mem, rows, legend);
                case "persistent-chunk" -> persistent(mem, rows, legend);
                default -> throw new IllegalArgumentException("no memory figure " + name);
            }
        });
        return render(rows, legend);
    }

    // ---- the scenarios ----

    private static void addressSpace(Memory mem, List<Row> rows, Map<String, String[]> legend) {
        for (RegionState s : RegionState.values()) {
            legend.put(s.name(), new String[] {colour(s), s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT)});
        }
        long page = Os.PAGE_SIZE;
        long v = mem.sysmem.sysReserve(0, 24 * page);
        rows.add(pages(mem, v, 24, "sysReserve(24 pages)"));
        mem.sysmem.sysMap(v, 8 * page, mem.heapSys);
        rows.add(pages(mem, v, 24, "sysMap(first 8)"));
        mem.sysmem.sysUsed(v, 8 * page, 8 * page);
        rows.add(pages(mem, v, 24, "sysUsed(first 8)"));
        mem.sysmem.sysMap(v + 8 * page, 8 * page, mem.heapSys);
        mem.sysmem.sysUsed(v + 8 * page, 8 * page, 8 * page);
        rows.add(pages(mem, v, 24, "sysMap + sysUsed(next 8)"));
        mem.sysmem.sysUnused(v + 4 * page, 6 * page);
        rows.add(pages(mem, v, 24, "sysUnused(pages 4-9)"));
        mem.sysmem.sysFault(v + 12 * page, 2 * page);
        rows.add(pages(mem, v, 24, "sysFault(pages 12-13)"));
        mem.sysmem.sysFree(v + 16 * page, 8 * page, mem.heapSys);
        rows.add(pages(mem, v, 24, "sysFree(pages 16-23)"));
    }

    private static Row pages(Memory mem, long v, int n, String label) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long a = v + i * Os.PAGE_SIZE;
            Region r = mem.space.region(a);
            cells.add(r == null ? RegionState.NONE.name() : r.state(a).name());
        }
        MemStats st = mem.readMemStats(); // Sys without the goroutines' stacks (chapter 2)
        return new Row(String.format("%-26s Sys=%3d KB", label, (st.sys() - st.stackSys()) / 1024), cells);
    }

    private static void fixalloc(Memory mem, List<Row> rows, Map<String, String[]> legend) {
        legend.put("fresh", new String[] {"#eeeeee", "never handed out"});
        legend.put("inuse", new String[] {"#2b7bba", "in use"});
        legend.put("free1", new String[] {"#f2a03d", "free: head of the list"});
        legend.put("free", new String[] {"#f6d19b", "free: further down the list"});
        FixAllocPart f = mem.newFixAlloc();
        f.init(2048, null, null, mem.mspanSys); // 8 objects per 16 KB chunk
        List<Long> objs = new ArrayList<>();
        List<Long> list = new ArrayList<>(); // the free list, head first (what fixalloc keeps)
        for (int i = 0; i < 5; i++) {
            objs.add(f.alloc());
        }
        rows.add(slots(objs, list, "alloc x5"));
        for (int i : new int[] {1, 3, 0}) {
            f.free(objs.get(i));
            list.addFirst(objs.get(i));
            rows.add(slots(objs, list, "free(#" + i + ")"));
        }
        for (int k = 0; k < 2; k++) {
            long p = f.alloc();
            list.remove(p);
            rows.add(slots(objs, list, "alloc -> #" + objs.indexOf(p)));
        }
        long p = f.alloc();
        list.remove(p);
        rows.add(slots(objs, list, "alloc -> #" + objs.indexOf(p)));
        p = f.alloc();
        objs.add(p);
        rows.add(slots(objs, list, "alloc -> #" + objs.indexOf(p) + " (list empty)"));
    }

    private static Row slots(List<Long> objs, List<Long> list, String label) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (i >= objs.size()) {
                cells.add("fresh");
            } else if (list.isEmpty() || !list.contains(objs.get(i))) {
                cells.add("inuse");
            } else {
                cells.add(list.getFirst().equals(objs.get(i)) ? "free1" : "free");
            }
        }
        return new Row(label, cells);
    }

    private static void persistent(Memory mem, List<Row> rows, Map<String, String[]> legend) {
        legend.put("link", new String[] {"#555555", "chunk link word"});
        legend.put("new", new String[] {"#2b7bba", "this request"});
        legend.put("old", new String[] {"#9ecae1", "earlier requests"});
        legend.put("gap", new String[] {"#f6d19b", "alignment gap"});
        legend.put("empty", new String[] {"#eeeeee", "not yet handed out"});
        long unit = 64; // one cell: 64 bytes of the first 4 KB of the chunk
        int n = 64;
        String[] cells = new String[n];
        java.util.Arrays.fill(cells, "empty");
        cells[0] = "link";
        long[][] reqs = {{24, 0}, {100, 16}, {8, 512}, {700, 0}, {8, 2048}};
        long base = 0;
        long end = 8;
        for (long[] q : reqs) {
            long p = mem.persistent.persistentalloc(q[0], q[1], mem.gcMiscSys);
            if (base == 0) {
                base = p - 8;
            }
            for (int i = 0; i < n; i++) {
                if (cells[i].equals("new")) {
                    cells[i] = "old";
                }
            }
            mark(cells, end, p - base, unit, "gap");
            mark(cells, p - base, p - base + q[0], unit, "new");
            end = p - base + q[0];
            rows.add(new Row(String.format("persistentalloc(%d, %d) -> +%d", q[0], q[1], p - base),
                    List.of(cells.clone())));
        }
    }

    /** Marks the cells overlapping [from, to) bytes with key, where no allocation is yet. */
    private static void mark(String[] cells, long from, long to, long unit, String key) {
        for (long c = from / unit; c < Math.min(cells.length, (to + unit - 1) / unit); c++) {
            if (key.equals("new") || cells[(int) c].equals("empty")) {
                cells[(int) c] = key;
            }
        }
    }

    private static String colour(RegionState s) {
        return switch (s) {
            case NONE -> "#ffffff";
            case RESERVED -> "#d9d9d9";
            case PREPARED -> "#f6d19b";
            case READY -> "#2b7bba";
        };
    }

    // ---- the drawing ----

    static String render(List<Row> rows, Map<String, String[]> legend) {
        int cells = rows.getFirst().cells().size();
        int cell = cells > 32 ? 10 : 28;
        int labelW = 300;
        int rowH = 22;
        int legendW = 4;
        for (String[] l : legend.values()) {
            legendW += 24 + 8 * l[1].length();
        }
        int width = Math.max(labelW + cells * cell + 20, legendW);
        int height = 20 + rows.size() * rowH + 30;
        StringBuilder b = new StringBuilder();
        b.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"12\">%n", width, height, width, height));
        b.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            int y = 10 + r * rowH;
            b.append(String.format("<text x=\"4\" y=\"%d\">%s</text>%n", y + 15, esc(row.label())));
            for (int c = 0; c < cells; c++) {
                String key = row.cells().get(c);
                b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                        + " stroke=\"#888888\" stroke-width=\"0.5\"><title>%s</title></rect>%n",
                        labelW + c * cell, y + 2, cell, rowH - 4, legend.get(key)[0], esc(legend.get(key)[1])));
            }
        }
        int x = 4;
        int y = height - 14;
        for (String[] l : legend.values()) {
            b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\""
                    + " stroke=\"#888888\" stroke-width=\"0.5\"/>%n", x, y - 10, l[0]));
            b.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 16, y, esc(l[1])));
            x += 24 + 8 * l[1].length();
        }
        return b.append("</svg>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
