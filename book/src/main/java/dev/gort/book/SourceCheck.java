package dev.gort.book;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the book's build on two things Asciidoctor renders wrong without a warning:
 *
 * <ul>
 *   <li>a listing line wider than {@link #COLUMNS}, which wraps in the PDF and scrolls on a
 *       phone: each line of a tagged runtime region that a chapter includes (after the
 *       {@code indent=0} the book asks for) and each line of a listing written in the chapter;
 *   <li>a code span that the renderer would change: a typographic replacement inside it
 *       ({@code ->} to an arrow, {@code ...} to an ellipsis, {@code --} to a dash, a word's
 *       {@code '} to a curly quote, {@code (C)}, {@code <=}, an entity), or a backtick that opens
 *       no span (as in {@code `gopark`'s}, which Asciidoctor leaves unclosed and shows with a
 *       stray backtick). A code span a reader copies must be the text they search for; write
 *       such spans as literal passthroughs, {@code `+g->status+`}.
 * </ul>
 *
 * <p>The rules follow Asciidoctor 2's constrained monospace and its {@code REPLACEMENTS} table; the
 * check reads the sources, so it runs in milliseconds and names the file and line.
 */
final class SourceCheck {
    private SourceCheck() {}

    /** The widest listing line, in columns, that fits the PDF page and a desktop browser unwrapped. */
    static final int COLUMNS = 80;

    // Asciidoctor's constrained monospace: `text`, not preceded by a word character (or ;:"'`})
    // and not followed by a word character or a quote.
    private static final Pattern SPAN = Pattern.compile(
            "(?<![\\w;:\"'`}])`(\\S|\\S.*?\\S)`(?![\\w\"'`])", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("`\\+.*?\\+`", Pattern.DOTALL);
    private static final Pattern REPLACED = Pattern.compile(
            "\\((?:C|R|TM)\\)|(?:^| )--(?: |$)|\\w--\\w|\\.\\.\\.|\\p{Alnum}'\\p{Alpha}|->|=>|<-|<=|"
                    + "&(?:[a-zA-Z]{2,}\\d{0,2}|#\\d{2,5}|#x[\\da-fA-F]{2,4});");
    private static final Pattern INCLUDE = Pattern.compile(
            "^include::\\{(src|root)}/([^\\[]+)\\[(?:[^\\]]*,)?tag=([\\w-]+)[^\\]]*]\\s*$");

    /**
     * Problems in the .adoc files of {@code dir}, as "file:line: message"; empty when none.
     * {@code root} is the checkout, against which {@code {root}} and {@code {src}} includes resolve.
     */
    static List<String> check(Path dir, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
        }
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            problems.addAll(codeSpans(name, Files.readString(f)));
            problems.addAll(listings(name, Files.readAllLines(f), root));
        }
        return problems;
    }

    /** The code-span problems of one document's text ({@code name} prefixes each). */
    static List<String> codeSpans(String name, String text) {
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder para = new StringBuilder();
        int start = 0;
        String fence = null;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            if (fence != null) {                       // inside ---- or .... : verbatim
                if (line.equals(fence)) {
                    fence = null;
                    start = i + 1;
                }
                continue;
            }
            boolean delimiter = line.matches("-{4,}|\\.{4,}|/{4,}|\\+{4,}");
            if (line.isBlank() || delimiter || i == lines.length) {
                spansOf(name, start, para.toString(), problems);
                para.setLength(0);
                fence = delimiter ? line : null;
                start = i + 1;
            } else if (line.startsWith("//") || line.startsWith("include::")) {
                para.append('\n');                      // keep line numbers right
            } else {
                para.append(line).append('\n');
            }
        }
        return problems;
    }

    private static void spansOf(String name, int firstLine, String para, List<String> problems) {
        // Literal spans (`+...+`) are never substituted: blank them out, keeping offsets.
        StringBuilder t = new StringBuilder(para);
        Matcher lit = LITERAL.matcher(para);
        while (lit.find()) {
            for (int k = lit.start(); k < lit.end(); k++) {
                if (t.charAt(k) != '\n') {
                    t.setCharAt(k, ' ');
                }
            }
        }
        Matcher m = SPAN.matcher(t);
        int last = 0;
        while (m.find()) {
            stray(name, firstLine, t, last, m.start(), problems);
            last = m.end();
            Matcher r = REPLACED.matcher(m.group(1));
            if (m.group(1).indexOf('`') >= 0) {
                problems.add(name + ":" + (firstLine + lineOf(t, m.start())) + ": code span `" + m.group(1)
                        + "` runs over another backtick (a span followed by a letter or a quote does not"
                        + " close, as in `gopark`'s); reword it");
            } else if (r.find()) {
                problems.add(name + ":" + (firstLine + lineOf(t, m.start())) + ": code span `"
                        + m.group(1) + "` would be rendered with \"" + r.group()
                        + "\" replaced; write it `+" + m.group(1) + "+`");
            }
        }
        stray(name, firstLine, t, last, t.length(), problems);
    }

    private static void stray(String name, int firstLine, CharSequence t, int from, int to, List<String> problems) {
        for (int k = from; k < to; k++) {
            if (t.charAt(k) == '`') {
                int end = Math.min(t.length(), k + 20);
                problems.add(name + ":" + (firstLine + lineOf(t, k)) + ": a backtick that opens no code span"
                        + " (a span must not be followed by a letter or a quote): \""
                        + t.subSequence(Math.max(0, k - 10), end).toString().replace('\n', ' ').strip() + "\"");
                return;
            }
        }
    }

    private static int lineOf(CharSequence t, int offset) {
        int n = 0;
        for (int k = 0; k < offset; k++) {
            if (t.charAt(k) == '\n') {
                n++;
            }
        }
        return n + 1;
    }

    /** Listing lines over {@link #COLUMNS}, written in the document or included from a tag. */
    static List<String> listings(String name, List<String> lines, Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (fence == null) {
                if (line.matches("-{4,}|\\.{4,}")) {
                    fence = line;
                }
                continue;
            }
            if (line.equals(fence)) {
                fence = null;
                continue;
            }
            Matcher inc = INCLUDE.matcher(line);
            if (inc.matches()) {
                Path file = root.resolve(inc.group(1).equals("src") ? "runtime/src/main/java/dev/gort/runtime" : "")
                        .resolve(inc.group(2));
                List<String> region = dedent(tagged(file, inc.group(3)));
                for (int k = 0; k < region.size(); k++) {
                    if (region.get(k).length() > COLUMNS) {
                        problems.add(name + ":" + (i + 1) + ": tag " + inc.group(3) + " of " + inc.group(2)
                                + ", its line " + (k + 1) + " is " + region.get(k).length() + " columns wide (at most "
                                + COLUMNS + "): \"" + region.get(k).strip() + "\"");
                    }
                }
            } else if (line.length() > COLUMNS) {
                problems.add(name + ":" + (i + 1) + ": listing line is " + line.length()
                        + " columns wide (at most " + COLUMNS + ")");
            }
        }
        return problems;
    }

    /** The lines between {@code tag::name[]} and {@code end::name[]}, without any tag lines. */
    static List<String> tagged(Path file, String tag) throws IOException {
        List<String> out = new ArrayList<>();
        boolean on = false;
        for (String l : Files.readAllLines(file)) {
            if (l.contains("tag::" + tag + "[]")) {
                on = true;
            } else if (l.contains("end::" + tag + "[]")) {
                on = false;
            } else if (on && !l.matches("\\s*//\\s*(tag|end)::[\\w-]+\\[]\\s*")) {
                out.add(l.replace("\t", "    "));
            }
        }
        return out;
    }

    /** What {@code indent=0} does: removes the indentation common to the non-blank lines. */
    static List<String> dedent(List<String> lines) {
        int common = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(common)).toList();
    }
}
