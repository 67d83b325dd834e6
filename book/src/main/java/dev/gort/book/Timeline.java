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
 * Renders a runtime's trace as an SVG timeline: one lane per P with a coloured span for each
 * stretch a G ran on it (the colour follows the goid), one lane per M that made a system call, marks
 * for parks, readies, system calls, steals and hand-offs, a time axis and a legend.
 *
 * <p>The output depends only on the events: integer coordinates, {@link Locale#ROOT} formatting and
 * a fixed drawing order, so the same trace gives the same bytes. Spans are paired here as in the
 * runtime's Chrome export: a G's span on a P opens at GoStart (or a fast GoSysExit) and closes at
 * its GoPark, GoSched, GoSyscall or GoEnd, or when another G starts on that P.
 */
public final class Timeline {
    private static final int WIDTH = 760;
    private static final int LEFT = 78;       // room for lane labels
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int LANE = 34;       // lane pitch
    private static final int BAR = 20;        // span height
    private static final String SYSCALL_FILL = "#eef2ff"; // a G in a system call: pale, dashed outline
    private static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

    /** Twelve colours that stay apart from each other and from the marks; picked by goid. */
    private static final String[] PALETTE = {
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
        "#9c755f", "#bab0ac", "#86bcb6", "#d37295", "#a0cbe8", "#ffbe7d"};

    /** What a mark means, how it looks, in legend order. */
    private enum Mark {
        CREATE("go (newproc)", "#6b7280"),
        PARK("park (gopark)", "#b91c1c"),
        READY("ready (goready)", "#15803d"),
        SYSCALL("enter syscall", "#1d4ed8"),
        STEAL("steal", "#c2410c"),
        HANDOFF("hand-off of the P", "#7e22ce"),
        YIELD("yield (Gosched)", "#374151");

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
     * The SVG for {@code events}, showing at most the window [from, to) in nanoseconds since boot
     * ({@code to <= 0}: up to the last event).
     */
    public static String render(List<TraceEvent> events, long from, long to) {
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
                default -> { }
            }
        }
        for (var en : openG.entrySet()) {
            lane(pLanes, en.getKey()).spans().add(new Span(en.getValue().g(), en.getValue().from(), end));
        }
        for (var en : openSys.entrySet()) {
            mLanes.get(en.getKey()).spans().add(new Span(en.getValue().g(), en.getValue().from(), end));
        }

        // 2. Lay out: P lanes in id order, then syscall lanes in M order.
        List<Lane> lanes = new ArrayList<>();
        for (int p : new TreeSet<>(pLanes.keySet())) {
            lanes.add(pLanes.get(p));
        }
        for (long m : new TreeSet<>(mLanes.keySet())) {
            lanes.add(mLanes.get(m));
        }
        Set<Mark> used = new LinkedHashSet<>();
        for (Lane l : lanes) {
            for (At a : l.marks()) {
                if (a.ts() >= from) {
                    used.add(a.mark());
                }
            }
        }
        long span = Math.max(1, end - from);
        int plot = WIDTH - LEFT - RIGHT;
        int axisY = TOP + lanes.size() * LANE + 6;
        int legendY = axisY + 36;
        int legendRows = (used.size() + 3) / 4;
        int height = legendY + Math.max(1, legendRows) * 18 + 8;

        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" ").append(FONT).append(" font-size=\"11\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

        // 3. Lanes: label, baseline, spans, then marks on top.
        for (int i = 0; i < lanes.size(); i++) {
            Lane l = lanes.get(i);
            int y = TOP + i * LANE;
            svg.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y + BAR / 2 + 8)
                    .append("\" text-anchor=\"end\" fill=\"#111827\"")
                    .append(l.syscall() ? " font-size=\"10\"" : " font-weight=\"bold\"").append('>')
                    .append(esc(l.label())).append("</text>\n");
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y + BAR + 4)
                    .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(y + BAR + 4)
                    .append("\" stroke=\"#e5e7eb\"/>\n");
            for (Span s : l.spans()) {
                long a = Math.max(s.from(), from);
                long b = Math.min(s.to(), end);
                if (b <= a && !(b == a && s.to() > s.from())) {
                    continue;
                }
                int x0 = x(a, from, span, plot);
                int x1 = Math.max(x0 + 1, x(b, from, span, plot));
                int w = x1 - x0;
                String fill = l.syscall() ? SYSCALL_FILL : colour(s.g());
                String stroke = l.syscall() ? colour(s.g()) : "#ffffff";
                svg.append("<rect x=\"").append(x0).append("\" y=\"").append(y + 4).append("\" width=\"")
                        .append(w).append("\" height=\"").append(BAR).append("\" fill=\"").append(fill)
                        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                        .append(l.syscall() ? "1.5\" stroke-dasharray=\"4 2" : "0.5").append("\"><title>G").append(s.g())
                        .append(l.syscall() ? " in a system call" : " running").append("</title></rect>\n");
                String text = "G" + s.g();
                if (w >= 8 * text.length() + 4) {
                    svg.append("<text x=\"").append(x0 + w / 2).append("\" y=\"").append(y + 4 + BAR / 2 + 4)
                            .append("\" text-anchor=\"middle\" fill=\"")
                            .append(l.syscall() ? "#1f2937" : "#ffffff").append("\" font-weight=\"bold\">")
                            .append(text).append("</text>\n");
                }
            }
            for (At at : l.marks()) {
                if (at.ts() < from || at.ts() >= end) {
                    continue;
                }
                glyph(svg, at.mark(), x(at.ts(), from, span, plot), y + 1, at.tip());
            }
        }

        // 4. Time axis with round ticks.
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(axisY).append("\" x2=\"")
                .append(WIDTH - RIGHT).append("\" y2=\"").append(axisY).append("\" stroke=\"#374151\"/>\n");
        long step = niceStep(span / 8);
        for (long t = 0; t <= span; t += step) {
            int x = x(from + t, from, span, plot);
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(axisY).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(axisY + 4).append("\" stroke=\"#374151\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(axisY + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#374151\" font-size=\"10\">")
                    .append(duration(t, span)).append("</text>\n");
        }

        // 5. Legend.
        int k = 0;
        for (Mark m : used) {
            int lx = LEFT + (k % 4) * 160;
            int ly = legendY + (k / 4) * 18;
            glyph(svg, m, lx + 5, ly - 10, null);
            svg.append("<text x=\"").append(lx + 14).append("\" y=\"").append(ly).append("\" fill=\"#374151\">")
                    .append(esc(m.label)).append("</text>\n");
            k++;
        }
        if (!mLanes.isEmpty()) {
            int lx = LEFT + (k % 4) * 160;
            int ly = legendY + (k / 4) * 18;
            svg.append("<rect x=\"").append(lx).append("\" y=\"").append(ly - 10).append("\" width=\"10\" height=\"10\"")
                    .append(" fill=\"" + SYSCALL_FILL + "\" stroke=\"#6b7280\" stroke-dasharray=\"3 1\"/>");
            svg.append("<text x=\"").append(lx + 14).append("\" y=\"").append(ly).append("\" fill=\"#374151\">")
                    .append("G in a system call (no P)</text>\n");
        }
        svg.append("</svg>\n");
        return svg.toString();
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
