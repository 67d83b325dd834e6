package dev.gort.grader.mutant;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Region;

/**
 * Makes the operator mutants of a chapter's solution regions: the mistakes a student makes one
 * character or one line at a time.
 *
 * <p>Operators, each applied at every place it fits inside a region (never in comments or string
 * literals):
 * <ul>
 * <li>{@code flip}: a comparison negated ({@code ==} and {@code !=}, {@code <} and {@code >=},
 *     {@code >} and {@code <=});</li>
 * <li>{@code boundary}: a comparison made strict or not ({@code <} and {@code <=}, {@code >} and
 *     {@code >=});</li>
 * <li>{@code constant}: an integer literal one more, or one less;</li>
 * <li>{@code negate}: the condition of an {@code if} or a {@code while} negated;</li>
 * <li>{@code delete}: a statement removed (a call, an assignment, a {@code return;},
 *     {@code break;} or {@code continue;}; never a declaration);</li>
 * <li>{@code swap}: two neighbouring statements exchanged;</li>
 * <li>{@code cas}: a compare-and-swap done as a load, a compare and a store (not atomic);</li>
 * <li>{@code boolean}: {@code true} and {@code false} exchanged;</li>
 * <li>{@code arith}: {@code +} and {@code -} exchanged, {@code ++} and {@code --}.</li>
 * </ul>
 * Some mutants do not compile (a deleted assignment that a later line reads): the grader finds
 * that out and they do not count. Lines that only record a trace event, and the {@code if} that
 * guards one, are not mutated: what the tracer is told is not part of any exercise.
 */
public final class Mutator {
    private static final String TRACE_CALL = "tracer.event(";
    /** The guard of a trace call ({@code if (rt.tracing)}): it only decides whether the tracer is told. */
    private static final Pattern TRACE_GUARD = Pattern.compile("^if \\((\\w+\\.)?tracing\\) \\{$");
    private static final Pattern COMPARISON = Pattern.compile(" (==|!=|<=|>=|<|>) ");
    private static final Pattern INTEGER = Pattern.compile("(?<![\\w.$])\\d+(?![\\w.])");
    private static final Pattern CONDITION = Pattern.compile("\\b(if|while) \\(");
    private static final Pattern BOOLEAN = Pattern.compile("\\b(true|false)\\b");
    private static final Pattern ARITH = Pattern.compile(" ([+-]) |\\+\\+|--");
    private static final Pattern CAS = Pattern.compile("((?:\\w+\\.)*\\w+)\\.cas\\(");
    private static final Pattern DECLARATION = Pattern.compile(
            "^(final\\s+)?[A-Za-z_][\\w.]*(<[^=]*>)?(\\[\\])*\\s+[A-Za-z_]\\w*\\s*(=.*)?;$");
    private static final Pattern KEYWORD_STATEMENT = Pattern.compile("^(return|throw|yield)\\b.*");
    private static final Pattern BARE_JUMP = Pattern.compile("^(return|break|continue);$");

    /** The load-and-store that the {@code cas} operator calls, added to the mutated class. */
    private static final List<String> CAS_HELPERS = List.of(
            "",
            "    // mutant: a compare-and-swap done as a load, a compare and a store",
            "    private static boolean casByLoadAndStore(dev.gort.runtime.atomic.Uint32 x, int old, int v) {",
            "        if (x.load() != old) { return false; } x.store(v); return true;",
            "    }",
            "    private static boolean casByLoadAndStore(dev.gort.runtime.atomic.Int32 x, int old, int v) {",
            "        if (x.load() != old) { return false; } x.store(v); return true;",
            "    }",
            "    private static boolean casByLoadAndStore(dev.gort.runtime.atomic.Int64 x, long old, long v) {",
            "        if (x.load() != old) { return false; } x.store(v); return true;",
            "    }",
            "    private static <T> boolean casByLoadAndStore(dev.gort.runtime.atomic.Pointer<T> x, T old, T v) {",
            "        if (x.load() != old) { return false; } x.store(v); return true;",
            "    }");

    private static final Map<String, String> FLIP = Map.of("==", "!=", "!=", "==", "<", ">=",
            ">=", "<", ">", "<=", "<=", ">");
    private static final Map<String, String> BOUNDARY = Map.of("<", "<=", "<=", "<", ">", ">=",
            ">=", ">");

    private Mutator() {}

    /** Every mutant of every region of {@code ch}, in source order. */
    public static List<Mutant> mutants(Chapter ch, Map<Path, List<String>> sources) {
        List<Mutant> out = new ArrayList<>();
        for (Path rel : ch.stubSources()) {
            List<String> lines = sources.get(rel);
            for (Region r : Region.find(ch.root().resolve(rel), lines)) {
                Chapter.ExerciseInfo ex = ch.exerciseOfRegion(r.id());
                String exercise = ex == null ? r.id() : ex.id();
                new Site(exercise, r, rel, lines, out).mutate();
            }
        }
        return numbered(out);
    }

    /** The mutants with their occurrence set, so that two equal changes to equal lines differ. */
    private static List<Mutant> numbered(List<Mutant> mutants) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<Mutant> out = new ArrayList<>();
        for (Mutant m : mutants) {
            int k = seen.merge(m.key(), 1, Integer::sum) - 1; // the key of occurrence 0: same change, same text
            out.add(new Mutant(m.exercise(), m.region(), m.source(), m.line(), m.original(), m.mutated(),
                    m.operator(), m.helpers(), k));
        }
        return out;
    }

    /** The mutants of one region. */
    private record Site(String exercise, Region region, Path rel, List<String> lines, List<Mutant> out) {

        void mutate() {
            boolean boundary = true; // the marker line ends no statement, but nothing continues it
            for (int i = region.begin() + 1; i < region.end(); i++) {
                String line = lines.get(i);
                String code = code(line);
                if (code.isBlank() || code.contains(TRACE_CALL) || TRACE_GUARD.matcher(code.strip()).matches()) {
                    continue;
                }
                operators(i, line, code);
                boolean statement = boundary && isStatement(code);
                if (statement) {
                    out(i, List.of(line), List.of(), "delete");
                    int j = nextCode(i + 1);
                    if (j == i + 1 && isStatement(code(lines.get(j))) && indent(lines.get(j)).equals(indent(line))) {
                        out(i, List.of(line, lines.get(j)), List.of(lines.get(j), line), "swap");
                    }
                }
                String t = code.strip();
                boundary = t.endsWith(";") || t.endsWith("{") || t.endsWith("}");
            }
        }

        private void operators(int i, String line, String code) {
            replaceAll(i, line, code, COMPARISON, 1, FLIP, "flip");
            replaceAll(i, line, code, COMPARISON, 1, BOUNDARY, "boundary");
            Matcher m = INTEGER.matcher(code);
            while (m.find()) {
                long n = Long.parseLong(m.group());
                put(i, line, m.start(), m.end(), Long.toString(n + 1), "constant");
                if (n > 0) {
                    put(i, line, m.start(), m.end(), Long.toString(n - 1), "constant");
                }
            }
            m = CONDITION.matcher(code);
            while (m.find()) {
                int open = m.end() - 1;
                int close = matching(code, open);
                if (close > 0) {
                    String mutated = line.substring(0, open + 1) + "!(" + line.substring(open + 1, close)
                            + ")" + line.substring(close);
                    out(i, List.of(line), List.of(mutated), "negate");
                }
            }
            m = BOOLEAN.matcher(code);
            while (m.find()) {
                put(i, line, m.start(), m.end(), m.group().equals("true") ? "false" : "true", "boolean");
            }
            if (!line.contains("\"")) {
                m = ARITH.matcher(code);
                while (m.find()) {
                    String g = m.group();
                    String swapped = switch (g) {
                        case "++" -> "--";
                        case "--" -> "++";
                        case " + " -> " - ";
                        default -> " + ";
                    };
                    put(i, line, m.start(), m.end(), swapped, "arith");
                }
            }
            m = CAS.matcher(code);
            while (m.find()) {
                int open = m.end() - 1;
                int close = matching(code, open);
                if (close > 0) {
                    String mutated = line.substring(0, m.start()) + "casByLoadAndStore(" + m.group(1) + ", "
                            + line.substring(open + 1, close) + line.substring(close);
                    out.add(new Mutant(exercise, region.id(), rel, i, List.of(line), List.of(mutated), "cas",
                            CAS_HELPERS, 0));
                }
            }
        }

        private void replaceAll(int i, String line, String code, Pattern p, int group,
                                Map<String, String> table, String operator) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                String to = table.get(m.group(group));
                if (to != null) {
                    put(i, line, m.start(group), m.end(group), to, operator);
                }
            }
        }

        private void put(int i, String line, int start, int end, String with, String operator) {
            out(i, List.of(line), List.of(line.substring(0, start) + with + line.substring(end)), operator);
        }

        private void out(int i, List<String> original, List<String> mutated, String operator) {
            out.add(new Mutant(exercise, region.id(), rel, i, original, mutated, operator, List.of(), 0));
        }

        private int nextCode(int from) {
            int j = from;
            while (j < region.end() && code(lines.get(j)).isBlank()) {
                j++;
            }
            return j < region.end() ? j : -1;
        }
    }

    /** A statement this operator may delete or move: one whole line, no declaration. */
    static boolean isStatement(String code) {
        String t = code.strip();
        if (!t.endsWith(";") || t.startsWith("}") || t.startsWith("for ") || t.startsWith("for(")) {
            return false;
        }
        if (BARE_JUMP.matcher(t).matches()) {
            return true;
        }
        return !KEYWORD_STATEMENT.matcher(t).matches() && !DECLARATION.matcher(t).matches();
    }

    /**
     * The line's code with string and character literals blanked out (same length) and a trailing
     * {@code //} comment cut: where operators may apply. Blank for a comment line.
     */
    static String code(String line) {
        String t = line.strip();
        if (t.startsWith("//") || t.startsWith("*") || t.startsWith("/*")) {
            return "";
        }
        StringBuilder b = new StringBuilder(line.length());
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < line.length()) {
                    b.append("__");
                    i++;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                    b.append(c);
                } else {
                    b.append('_');
                }
                continue;
            }
            if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                break;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The index of the parenthesis closing the one at {@code open}, or -1. */
    private static int matching(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String indent(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }
}
