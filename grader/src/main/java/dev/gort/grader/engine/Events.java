package dev.gort.grader.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The line format in which a test JVM tells the grader what happens, one event per line, flushed as
 * it happens, so that a JVM killed mid-run still leaves the results of every test it finished:
 * <pre>
 * PLAN    uid class method displayName exercise points
 * START   uid
 * END     uid status millis message detail output
 * TIMEOUT uid millis stack
 * DONE
 * EXIT                      (written by a shutdown hook: someone called System.exit)
 * </pre>
 * Fields are separated by tabs; tabs, newlines and backslashes inside a field are escaped.
 */
final class Events {
    private Events() {}

    static String line(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            escape(b, fields[i] == null ? "" : fields[i]);
        }
        return b.append('\n').toString();
    }

    private static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }

    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                cur.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
