package dev.gort.book;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the book's conceptual diagrams (the G/M/P relationship, the run queue's ring, the state
 * machines) as SVG from a small text source in {@code src/docs/diagrams/NAME.diag}, so that a
 * diagram is edited as text, reviewed as a diff and drawn the same in HTML and PDF, in the
 * timelines' fonts and colours.
 *
 * <p>The language, one statement a line ({@code #} starts a comment; coordinates in pixels):
 * <pre>
 * canvas W H
 * box ID X Y W H "label|second line" [fill=#rrggbb] [dashed]
 * arrow FROM TO "label" [dashed]      from box FROM's edge to box TO's edge
 * text X Y "text" [bold] [middle]
 * </pre>
 * Two arrows between the same boxes in opposite directions are drawn side by side. Text on a box is
 * near-black, so a fill must be light (FiguresTest checks each fill reaches 4.5:1).
 */
final class Diagram {
    private Diagram() {}

    private static final String INK = "#111827";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    record Box(String id, int x, int y, int w, int h, String label, String fill, boolean dashed) {
        double cx() {
            return x + w / 2.0;
        }

        double cy() {
            return y + h / 2.0;
        }
    }

    /** The SVG for {@code source}; {@code name} is used in error messages. */
    static String render(String name, String source) {
        int width = 0;
        int height = 0;
        Map<String, Box> boxes = new LinkedHashMap<>();
        List<String[]> arrows = new ArrayList<>();
        StringBuilder texts = new StringBuilder();
        String[] lines = source.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher q = QUOTED.matcher(line);
            String quoted = q.find() ? q.group(1) : "";
            String bare = QUOTED.matcher(line).replaceAll("\"\"");
            String[] w = bare.split("\\s+");
            try {
                switch (w[0]) {
                    case "canvas" -> {
                        width = Integer.parseInt(w[1]);
                        height = Integer.parseInt(w[2]);
                    }
                    case "box" -> boxes.put(w[1], new Box(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                            Integer.parseInt(w[4]), Integer.parseInt(w[5]), quoted,
                            option(w, "fill=", "#f3f4f6"), bare.contains(" dashed")));
                    case "arrow" -> arrows.add(new String[] {w[1], w[2], quoted, bare.contains(" dashed") ? "d" : ""});
                    case "text" -> texts.append("<text x=\"").append(w[1]).append("\" y=\"").append(w[2])
                            .append("\" fill=\"").append(INK).append('"')
                            .append(bare.contains(" bold") ? " font-weight=\"bold\"" : "")
                            .append(bare.contains(" middle") ? " text-anchor=\"middle\"" : "").append('>')
                            .append(esc(quoted)).append("</text>\n");
                    default -> throw new IllegalArgumentException("unknown statement " + w[0]);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ":" + (n + 1) + ": " + e.getMessage()
                        + " in \"" + line + "\"; expected canvas, box, arrow or text as in Diagram's Javadoc", e);
            }
        }
        if (width == 0) {
            throw new IllegalArgumentException(name + ": no canvas statement");
        }
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Noto Sans, DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (Box b : boxes.values()) {
            svg.append("<rect x=\"").append(b.x()).append("\" y=\"").append(b.y()).append("\" width=\"").append(b.w())
                    .append("\" height=\"").append(b.h()).append("\" rx=\"6\" fill=\"").append(b.fill())
                    .append("\" stroke=\"#374151\" stroke-width=\"1.2\"")
                    .append(b.dashed() ? " stroke-dasharray=\"5 3\"" : "").append("/>\n");
            String[] parts = b.label().split("\\|");
            double first = b.cy() - (parts.length - 1) * 8 + 5;
            for (int i = 0; i < parts.length; i++) {
                svg.append("<text x=\"").append(fmt(b.cx())).append("\" y=\"").append(fmt(first + i * 16))
                        .append("\" text-anchor=\"middle\" fill=\"").append(INK).append('"')
                        .append(i == 0 ? " font-weight=\"bold\"" : "").append('>').append(esc(parts[i]))
                        .append("</text>\n");
            }
        }
        for (String[] a : arrows) {
            Box from = box(boxes, name, a[0]);
            Box to = box(boxes, name, a[1]);
            boolean paired = arrows.stream().anyMatch(o -> o[0].equals(a[1]) && o[1].equals(a[0]));
            arrow(svg, from, to, a[2], !a[3].isEmpty(), paired ? 7 : 0);
        }
        svg.append(texts).append("</svg>\n");
        return svg.toString();
    }

    private static Box box(Map<String, Box> boxes, String name, String id) {
        Box b = boxes.get(id);
        if (b == null) {
            throw new IllegalArgumentException(name + ": an arrow names box " + id + ", which no box statement defines");
        }
        return b;
    }

    /** The fills used by a diagram's boxes, for the contrast check. */
    static List<String> fills(String source) {
        List<String> fills = new ArrayList<>(List.of("#f3f4f6"));
        Matcher m = Pattern.compile("fill=(#[0-9a-fA-F]{6})").matcher(source);
        while (m.find()) {
            fills.add(m.group(1));
        }
        return fills;
    }

    private static String option(String[] words, String key, String otherwise) {
        for (String w : words) {
            if (w.startsWith(key)) {
                return w.substring(key.length());
            }
        }
        return otherwise;
    }

    /** An arrow between the edges of two boxes, shifted sideways by {@code offset} pixels. */
    private static void arrow(StringBuilder svg, Box from, Box to, String label, boolean dashed, double offset) {
        double dx = to.cx() - from.cx();
        double dy = to.cy() - from.cy();
        double len = Math.max(1, Math.hypot(dx, dy));
        double nx = -dy / len * offset;
        double ny = dx / len * offset;
        double[] a = edge(from, dx, dy);
        double[] b = edge(to, -dx, -dy);
        double x1 = a[0] + nx;
        double y1 = a[1] + ny;
        double x2 = b[0] + nx;
        double y2 = b[1] + ny;
        svg.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"")
                .append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"#374151\" stroke-width=\"1.4\"")
                .append(dashed ? " stroke-dasharray=\"5 3\"" : "").append("/>\n");
        double ux = dx / len;
        double uy = dy / len;
        svg.append("<path d=\"M").append(fmt(x2)).append(' ').append(fmt(y2)).append(" L")
                .append(fmt(x2 - 9 * ux + 4 * uy)).append(' ').append(fmt(y2 - 9 * uy - 4 * ux)).append(" L")
                .append(fmt(x2 - 9 * ux - 4 * uy)).append(' ').append(fmt(y2 - 9 * uy + 4 * ux))
                .append(" Z\" fill=\"#374151\"/>\n");
        if (!label.isEmpty()) {
            double half = label.length() * 3.3 + 3;     // about half the label's width at 12 px
            double mx = (x1 + x2) / 2;
            double my = (y1 + y2) / 2 - 4;
            if (offset != 0) {
                // One of a pair: move the label off its own side, far enough for its width.
                double nux = nx / offset;
                double nuy = ny / offset;
                double shift = 4 + half * Math.abs(nux) + 9 * Math.abs(nuy);
                mx += nux * shift;
                my += nuy * shift + 4 * Math.abs(nux);
            }
            svg.append("<rect x=\"").append(fmt(mx - half)).append("\" y=\"").append(fmt(my - 12))
                    .append("\" width=\"").append(fmt(2 * half)).append("\" height=\"16\" fill=\"#ffffff\"/>\n");
            svg.append("<text x=\"").append(fmt(mx)).append("\" y=\"").append(fmt(my))
                    .append("\" text-anchor=\"middle\" fill=\"#1f2937\" font-size=\"12\" font-style=\"italic\">")
                    .append(esc(label)).append("</text>\n");
        }
    }

    /** Where a ray from the centre of {@code b} in direction (dx, dy) leaves the box. */
    private static double[] edge(Box b, double dx, double dy) {
        double sx = dx == 0 ? Double.MAX_VALUE : (b.w() / 2.0) / Math.abs(dx);
        double sy = dy == 0 ? Double.MAX_VALUE : (b.h() / 2.0) / Math.abs(dy);
        double s = Math.min(sx, sy);
        return new double[] {b.cx() + dx * s, b.cy() + dy * s};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
