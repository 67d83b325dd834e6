package dev.gort.book;

import dev.gort.runtime.trace.TraceEvent;
import dev.gort.runtime.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a runtime's trace as an SVG timeline: the figure's question on top, one lane per P with a
 * coloured span for each stretch a G ran on it (the colour follows the goid, the label names it),
 * one lane per M that made a system call, spans where an M slept holding its P, marks for parks,
 * readies, system calls, steals and hand-offs, a time axis and a legend for every mark drawn.
 *
 * <p>Marks of one kind that would overlap on a lane are drawn once with a count ("×8"); marks of
 * different kinds that would overlap are stacked in rows above the lane's spans, so every mark can
 * be told apart. Text on a span is white or near-black, whichever contrasts more with the span's
 * colour; every pair reaches WCAG AA (4.5:1), which FiguresTest checks.
 *
 * <p>The output depends only on the events: integer coordinates, {@link Locale#ROOT} formatting and
 * a fixed drawing order, so the same trace gives the same bytes. Spans are paired here as in the
 * runtime's Chrome export: a G's span on a P opens at GoStart (or a fast GoSysExit) and closes at
 * its GoPark, GoSched, GoSyscall or GoEnd, or when another G starts on that P.
 */
public final class Timeline {
    // The canvas is 720 wide so that, fitted to the PDF's text width (about 480 pt), 13 px text is
    // about 9 pt; in HTML it is shown at its own size (on a phone it scrolls rather than shrinks).
    private static final int WIDTH = 720;
    private static final int LEFT = 84;       // room for lane labels
    private static final int RIGHT = 18;
    private static final int TOP = 34;        // room for the question
    private static final int ROW = 12;        // a row of marks above a lane's spans
    private static final int BAR = 22;        // span height
    private static final int GAP = 8;         // between lanes
    private static final int FONT_SIZE = 13;
    private static final String SYSCALL_FILL = "#eef2ff"; // a G in a system call: pale, dashed outline
    private static final String ASLEEP_FILL = "#fde68a";  // an M asleep holding its P
    private static final String INK = "#111827";
    private static final String FONT = "font-family=\"Noto Sans, DejaVu Sans, Helvetica, Arial, sans-serif\"";

    /** Twelve colours that stay apart from each other and from the marks; picked by goid. */
    static final String[] PALETTE = {
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
        "#7f5f4b", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d"};

    /** A stretch in which M {@code m} slept in the kernel while it held P {@code p}. */
    public record Sleep(long m, int p, long from, long to, String why) {}

    /** What a mark means, how it looks, in legend order. */
    private enum Mark {
        CREATE("go (newproc)", "#6b7280"),
        PARK("park (gopark)", "#b91c1c"),
        READY("ready (goready)", "#15803d"),
        SYSCALL("enter syscall", "#1d4ed8"),
        STEAL("steal", "#c2410c"),
        HANDOFF("hand-off of the P", "#7e22ce"),
        YIELD("yield (Gosched)", "#374151"),
        STW("stop the world", "#9f1239"),
        GC("GC phase change", "#0f766e");

        final String label;
        final String colour;

        Mark(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }
    }

    private record Span(long g, long from, long to) {}

    private record At(Mark mark, long ts, String tip) {}

    private record Lane(String label, List<Span> spans, List<At> marks, boolean syscall) {}

    private Timeline() {}

    /**
     * The SVG for {@code events}, showing the window [from, to) in nanoseconds since boot ({@code
     * to <= 0}: up to the last event), under {@code question}, with {@code sleeps} drawn over the
     * lanes of the Ps that the sleeping Ms held.
     */
    public static String render(List<TraceEvent> events, long from, long to, String question,
            List<Sleep> sleeps) {
        // 1. Pair events into spans per P lane and per M syscall lane.
        Map<Integer, Lane> pLanes = new HashMap<>();
        Map<Long, Lane> mLanes = new HashMap<>();
        Map<Integer, Span> openG = new HashMap<>();   // P -> G running there since
        Map<Long, Span> openSys = new HashMap<>();    // M -> G in a syscall since
        long end = to > 0 ? to : events.isEmpty() ? 1 : events.get(events.size() - 1).ts();
        for (TraceEvent e : events) {
            long ts = e.ts();
            if (ts >= end) {
                break;
            }
            int p = e.p();
            switch (e.type()) {
                case Tracer.GO_CREATE -> mark(pLanes, p, Mark.CREATE, ts, "go G" + e.g());
                case Tracer.GO_START -> {
                    close(pLanes, openG, p, ts);
                    openG.put(p, new Span(e.g(), ts, 0));
                    lane(pLanes, p);
                }
                case Tracer.GO_END, Tracer.PROC_STOP -> close(pLanes, openG, p, ts);
                case Tracer.GO_PARK -> {
                    close(pLanes, openG, p, ts);
                    mark(pLanes, p, Mark.PARK, ts, "G" + e.g() + " parks");
                }
                case Tracer.GO_UNPARK -> mark(pLanes, p, Mark.READY, ts, "G" + e.g() + " readied");
                case Tracer.GO_SCHED -> {
                    close(pLanes, openG, p, ts);
                    mark(pLanes, p, Mark.YIELD, ts, "G" + e.g() + " yields");
                }
                case Tracer.GO_SYSCALL -> {
                    close(pLanes, openG, p, ts);
                    mark(pLanes, p, Mark.SYSCALL, ts, "G" + e.g() + " enters a syscall");
                    openSys.put(e.m(), new Span(e.g(), ts, 0));
                    mLanes.computeIfAbsent(e.m(), m -> new Lane("M" + m + " sys",
                            new ArrayList<>(), new ArrayList<>(), true));
                }
                case Tracer.GO_SYSEXIT -> {
                    Span s = openSys.remove(e.m());
                    if (s != null) {
                        mLanes.get(e.m()).spans().add(new Span(s.g(), s.from(), ts));
                    }
                    if (p >= 0) {
                        close(pLanes, openG, p, ts);
                        openG.put(p, new Span(e.g(), ts, 0));
                        lane(pLanes, p);
                    }
                }
                case Tracer.STEAL -> mark(pLanes, p, Mark.STEAL, ts, "steals G" + e.g() + " from P" + e.arg());
                case Tracer.HANDOFF -> mark(pLanes, p, Mark.HANDOFF, ts, "P" + p + " handed off");
                case Tracer.STW_START -> mark(pLanes, p, Mark.STW, ts, "stop the world");
                case Tracer.GC_START -> mark(pLanes, p, Mark.GC, ts, "GC " + e.arg() + ": mark begins");
                case Tracer.GC_DONE -> mark(pLanes, p, Mark.GC, ts, "GC " + e.arg() + ": mark ends");
                default -> { }
            }
        }
        for (var en : openG.entrySet()) {
            lane(pLanes, en.getKey()).spans().add(new Span(en.getValue().g(), en.getValue().from(), end));
        }
        for (var en : openSys.entrySet()) {
            mLanes.get(en.getKey()).spans().add(new Span(en.getValue().g(), en.getValue().from(), end));
        }

        // 2. Lay out: P lanes in id order, then syscall lanes in M order; each lane as tall as
        // its rows of marks need.
        List<Lane> lanes = new ArrayList<>();
        for (int p : new TreeSet<>(pLanes.keySet())) {
            lanes.add(pLanes.get(p));
        }
        for (long m : new TreeSet<>(mLanes.keySet())) {
            lanes.add(mLanes.get(m));
        }
        long span = Math.max(1, end - from);
        int plot = WIDTH - LEFT - RIGHT;
        Set<Mark> used = new LinkedHashSet<>();
        List<List<Drawn>> drawn = new ArrayList<>();
        int[] laneTop = new int[lanes.size()];
        int y = TOP;
        for (int i = 0; i < lanes.size(); i++) {
            List<Drawn> d = place(lanes.get(i).marks(), from, end, span, plot);
            d.forEach(m -> used.add(m.mark()));
            drawn.add(d);
            laneTop[i] = y;
            y += rows(d) * ROW + BAR + GAP;
        }
        int axisY = y + 2;
        int legendY = axisY + 40;
        int legendItems = 1 + used.size() + (mLanes.isEmpty() ? 0 : 1) + (sleeps.isEmpty() ? 0 : 1);
        int height = legendY + (legendItems + 2) / 3 * 20 + 6;

        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" ").append(FONT).append(" font-size=\"")
                .append(FONT_SIZE).append("\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"8\" y=\"20\" fill=\"").append(INK).append("\" font-weight=\"bold\">")
                .append(esc(question)).append("</text>\n");

        // 3. Lanes: label, baseline, spans, sleeps, then marks above the spans.
        for (int i = 0; i < lanes.size(); i++) {
            Lane l = lanes.get(i);
            int rows = rows(drawn.get(i));
            int barY = laneTop[i] + rows * ROW;
            svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(barY + BAR / 2 + 5)
                    .append("\" text-anchor=\"end\" fill=\"").append(INK).append('"')
                    .append(l.syscall() ? "" : " font-weight=\"bold\"").append('>')
                    .append(esc(l.label())).append("</text>\n");
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(barY + BAR + 2)
                    .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(barY + BAR + 2)
                    .append("\" stroke=\"#d1d5db\"/>\n");
            for (Span s : l.spans()) {
                long a = Math.max(s.from(), from);
                long b = Math.min(s.to(), end);
                if (b <= a && !(b == a && s.to() > s.from())) {
                    continue;
                }
                int x0 = x(a, from, span, plot);
                int w = Math.max(x0 + 1, x(b, from, span, plot)) - x0;
                String fill = l.syscall() ? SYSCALL_FILL : colour(s.g());
                bar(svg, x0, barY, w, fill, l.syscall() ? colour(s.g()) : "#ffffff", l.syscall(),
                        "G" + s.g() + (l.syscall() ? " in a system call" : " running"), "G" + s.g());
            }
            if (!l.syscall()) {
                for (Sleep s : sleeps) {
                    if (("P" + s.p()).equals(l.label()) && s.to() > from && s.from() < end) {
                        int x0 = x(Math.max(s.from(), from), from, span, plot);
                        int w = Math.max(x0 + 1, x(Math.min(s.to(), end), from, span, plot)) - x0;
                        bar(svg, x0, barY, w, ASLEEP_FILL, "#92400e", true, s.why(),
                                "M" + s.m() + " asleep in futexsleep, main attached");
                    }
                }
            }
            for (Drawn d : drawn.get(i)) {
                int top = barY - (d.row() + 1) * ROW + 2;
                glyph(svg, d.mark(), d.x(), top, d.tip());
                if (d.count() > 1) {
                    svg.append("<text x=\"").append(d.x() + 6).append("\" y=\"").append(top + 8)
                            .append("\" fill=\"").append(INK).append("\" font-size=\"10\">×")
                            .append(d.count()).append("</text>\n");
                }
            }
        }

        // 4. Time axis with round ticks.
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(axisY).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(axisY).append("\" stroke=\"#374151\"/>\n");
        long step = niceStep(span / 7);
        for (long t = 0; t <= span; t += step) {
            int x = x(from + t, from, span, plot);
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(axisY).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(axisY + 4).append("\" stroke=\"#374151\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(axisY + 18)
                    .append("\" text-anchor=\"middle\" fill=\"#374151\">")
                    .append(duration(t, span)).append("</text>\n");
        }

        // 5. Legend: one entry for every kind of thing drawn.
        int k = 0;
        legendSwatch(svg, k++, legendY, colour(2), "#ffffff", false, "a G running on the P");
        for (Mark m : used) {
            int lx = LEFT + (k % 3) * 210;
            int ly = legendY + (k / 3) * 20;
            glyph(svg, m, lx + 6, ly - 10, null);
            svg.append("<text x=\"").append(lx + 16).append("\" y=\"").append(ly).append("\" fill=\"#374151\">")
                    .append(esc(m.label)).append("</text>\n");
            k++;
        }
        if (!mLanes.isEmpty()) {
            legendSwatch(svg, k++, legendY, SYSCALL_FILL, "#6b7280", true, "G in a system call, no P");
        }
        if (!sleeps.isEmpty()) {
            legendSwatch(svg, k, legendY, ASLEEP_FILL, "#92400e", true, "M asleep, holding the P");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A mark as drawn: several of one kind merged into one ({@code count}), in a row above the lane. */
    private record Drawn(Mark mark, int x, int count, String tip, int row) {}

    /**
     * Places a lane's marks: marks of one kind closer than a glyph's width become one with a
     * count; the rest go into the lowest row where they touch nothing.
     */
    private static List<Drawn> place(List<At> marks, long from, long end, long span, int plot) {
        List<Drawn> merged = new ArrayList<>();
        Map<Mark, Integer> lastOfKind = new HashMap<>();
        for (At a : marks) {
            if (a.ts() < from || a.ts() >= end) {
                continue;
            }
            int x = x(a.ts(), from, span, plot);
            Integer j = lastOfKind.get(a.mark());
            if (j != null && x - merged.get(j).x() < 10) {
                Drawn d = merged.get(j);
                merged.set(j, new Drawn(d.mark(), d.x(), d.count() + 1, d.tip(), 0));
                continue;
            }
            lastOfKind.put(a.mark(), merged.size());
            merged.add(new Drawn(a.mark(), x, 1, a.tip(), 0));
        }
        List<Drawn> placed = new ArrayList<>();
        List<Integer> rowEnds = new ArrayList<>();
        for (Drawn d : merged.stream().sorted(java.util.Comparator.comparingInt(Drawn::x)).toList()) {
            int left = d.x() - 6;
            int right = d.x() + 6 + (d.count() > 1 ? 18 : 0);
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) > left) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(right);
            } else {
                rowEnds.set(row, right);
            }
            placed.add(new Drawn(d.mark(), d.x(), d.count(), d.count() > 1
                    ? d.tip() + " (and " + (d.count() - 1) + " more)" : d.tip(), row));
        }
        return placed;
    }

    private static int rows(List<Drawn> drawn) {
        return Math.max(1, drawn.stream().mapToInt(d -> d.row() + 1).max().orElse(1));
    }

    /** A span: a bar, its tooltip, and its label if the label fits. */
    private static void bar(StringBuilder svg, int x0, int y, int w, String fill, String stroke, boolean dashed,
            String tip, String label) {
        svg.append("<rect x=\"").append(x0).append("\" y=\"").append(y).append("\" width=\"")
                .append(w).append("\" height=\"").append(BAR).append("\" fill=\"").append(fill)
                .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(dashed ? "1.5\" stroke-dasharray=\"4 2" : "0.5").append("\"><title>")
                .append(esc(tip)).append("</title></rect>\n");
        if (w >= 8 * label.length() + 6) {
            svg.append("<text x=\"").append(x0 + w / 2).append("\" y=\"").append(y + BAR / 2 + 5)
                    .append("\" text-anchor=\"middle\" fill=\"").append(labelColour(fill))
                    .append("\" font-weight=\"bold\">").append(esc(label)).append("</text>\n");
        }
    }

    private static void legendSwatch(StringBuilder svg, int k, int legendY, String fill, String stroke,
            boolean dashed, String text) {
        int lx = LEFT + (k % 3) * 210;
        int ly = legendY + (k / 3) * 20;
        svg.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 11).append("\" width=\"12\" height=\"12\"")
                .append(" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append('"')
                .append(dashed ? " stroke-dasharray=\"3 1\"" : "").append("/>\n");
        svg.append("<text x=\"").append(lx + 16).append("\" y=\"").append(ly).append("\" fill=\"#374151\">")
                .append(esc(text)).append("</text>\n");
    }

    /** White or near-black, whichever reads better on {@code fill}. */
    static String labelColour(String fill) {
        return contrast(fill, "#ffffff") >= contrast(fill, INK) ? "#ffffff" : INK;
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double l = 0;
        double[] weight = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            l += weight[i] * (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
        return l;
    }

    private static Lane lane(Map<Integer, Lane> lanes, int p) {
        return lanes.computeIfAbsent(p, q -> new Lane("P" + q, new ArrayList<>(), new ArrayList<>(), false));
    }

    private static void mark(Map<Integer, Lane> lanes, int p, Mark m, long ts, String tip) {
        if (p >= 0) {
            lane(lanes, p).marks().add(new At(m, ts, tip));
        }
    }

    private static void close(Map<Integer, Lane> lanes, Map<Integer, Span> open, int p, long ts) {
        Span s = open.remove(p);
        if (s != null) {
            lane(lanes, p).spans().add(new Span(s.g(), s.from(), ts));
        }
    }

    /** A mark centred on x, its top at y (the top edge of the span bar). */
    private static void glyph(StringBuilder svg, Mark m, int x, int y, String tip) {
        String c = m.colour;
        String t = tip == null ? "" : "<title>" + esc(tip) + "</title>";
        switch (m) {
            case CREATE -> svg.append("<rect x=\"").append(x - 1).append("\" y=\"").append(y).append("\" width=\"2\"")
                    .append(" height=\"6\" fill=\"").append(c).append("\">").append(t).append("</rect>\n");
            case PARK -> svg.append("<path d=\"M").append(x - 5).append(' ').append(y).append(" L").append(x + 5)
                    .append(' ').append(y).append(" L").append(x).append(' ').append(y + 8)
                    .append(" Z\" fill=\"").append(c).append("\">").append(t).append("</path>\n");
            case READY -> svg.append("<path d=\"M").append(x - 5).append(' ').append(y + 8).append(" L").append(x + 5)
                    .append(' ').append(y + 8).append(" L").append(x).append(' ').append(y)
                    .append(" Z\" fill=\"").append(c).append("\">").append(t).append("</path>\n");
            case SYSCALL -> svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y + 4)
                    .append("\" r=\"4\" fill=\"").append(c).append("\">").append(t).append("</circle>\n");
            case STEAL -> svg.append("<path d=\"M").append(x).append(' ').append(y - 1).append(" L").append(x + 5)
                    .append(' ').append(y + 4).append(" L").append(x).append(' ').append(y + 9).append(" L")
                    .append(x - 5).append(' ').append(y + 4).append(" Z\" fill=\"").append(c).append("\">")
                    .append(t).append("</path>\n");
            case HANDOFF -> svg.append("<rect x=\"").append(x - 4).append("\" y=\"").append(y).append("\" width=\"8\"")
                    .append(" height=\"8\" fill=\"").append(c).append("\">").append(t).append("</rect>\n");
            case YIELD -> svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y + 4)
                    .append("\" r=\"3.5\" fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"1.5\">")
                    .append(t).append("</circle>\n");
            case STW -> svg.append("<rect x=\"").append(x - 2).append("\" y=\"").append(y - 2).append("\" width=\"4\"")
                    .append(" height=\"12\" fill=\"").append(c).append("\">").append(t).append("</rect>\n");
            case GC -> svg.append("<rect x=\"").append(x - 4).append("\" y=\"").append(y).append("\" width=\"8\"")
                    .append(" height=\"8\" fill=\"none\" stroke=\"").append(c).append("\" stroke-width=\"2\">")
                    .append(t).append("</rect>\n");
        }
    }

    private static int x(long ts, long from, long span, int plot) {
        return LEFT + (int) Math.round((double) (ts - from) * plot / span);
    }

    static String colour(long goid) {
        return PALETTE[(int) Math.floorMod(goid, (long) PALETTE.length)];
    }

    /** 1, 2 or 5 times a power of ten nanoseconds, at least {@code raw}. */
    static long niceStep(long raw) {
        long p = 1;
        while (true) {
            for (long f : new long[] {1, 2, 5}) {
                if (f * p >= Math.max(1, raw)) {
                    return f * p;
                }
            }
            p *= 10;
        }
    }

    /** A tick label: in ms when the plot spans a millisecond or more, else in µs or ns. */
    static String duration(long ns, long span) {
        if (ns == 0) {
            return "0";
        }
        if (span >= 1_000_000) {
            return fmt(ns / 1e6) + " ms";
        }
        if (span >= 1_000) {
            return fmt(ns / 1e3) + " µs";
        }
        return ns + " ns";
    }

    private static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "");
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
