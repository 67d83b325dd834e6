package dev.gort.grader.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small JSON writer: maps (insertion order kept), lists, strings, numbers, booleans, null. */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.append('\n').toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        switch (v) {
            case null -> b.append("null");
            case String s -> string(b, s);
            case Boolean x -> b.append(x);
            case Double d -> b.append(number(d));
            case Float f -> b.append(number(f));
            case Number n -> b.append(n);
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    b.append("{}");
                    return;
                }
                b.append("{\n");
                int i = 0;
                for (var e : m.entrySet()) {
                    pad(b, indent + 2);
                    string(b, String.valueOf(e.getKey()));
                    b.append(": ");
                    write(b, e.getValue(), indent + 2);
                    b.append(++i < m.size() ? ",\n" : "\n");
                }
                pad(b, indent);
                b.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) {
                    b.append("[]");
                    return;
                }
                b.append("[\n");
                for (int i = 0; i < l.size(); i++) {
                    pad(b, indent + 2);
                    write(b, l.get(i), indent + 2);
                    b.append(i + 1 < l.size() ? ",\n" : "\n");
                }
                pad(b, indent);
                b.append(']');
            }
            default -> string(b, v.toString());
        }
    }

    /** Whole numbers without a fraction; others with up to 4 decimals. Never NaN or infinite. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.4f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static void pad(StringBuilder b, int n) {
        b.append(" ".repeat(n));
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
