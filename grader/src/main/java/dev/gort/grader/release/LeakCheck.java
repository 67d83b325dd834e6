package dev.gort.grader.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.chapter.Region;
import dev.gort.grader.chapter.StubGenerator;
import dev.gort.grader.engine.Grader;

/**
 * The check that a student edition gives nothing away: no solution region's text and no hidden
 * test, in its sources, in the resources of its jars, or in the book (HTML, and the PDF's text when
 * {@code pdftotext} is installed).
 *
 * <p>What counts as a leak, learned from the checkout the edition was made from:
 * <ul>
 *   <li>a solution marker line ({@code // SOLUTION id: ...} or {@code // END SOLUTION});
 *   <li>a line of a region's body that is distinctive: at least {@value #MIN_LINE} characters and
 *       found nowhere outside the regions, not even as part of a longer line (not in the rest of the runtime, the grader, the chapters
 *       or the generated stubs), so that a line the reference shares with code students may see
 *       never counts. Whitespace is collapsed and HTML tags and entities removed before comparing,
 *       which finds a region even inside the book's highlighted listings;
 *   <li>a hidden suite: a path under {@code solutions/}, a jar entry in the package
 *       {@code dev.gort.solutions}, the name of a hidden test class, or of a hidden test method of
 *       {@value #MIN_NAME} characters or more;
 *   <li>a reference source that stubs are generated from ({@code runtime/src/main/java}), or any
 *       Java source file in a jar.
 * </ul>
 * Class files are not searched for text: the solution regions' bytecode is meant to be there.
 */
public final class LeakCheck {
    static final int MIN_LINE = 16;
    static final int MIN_NAME = 12;
    private static final Pattern CLASS_DECL = Pattern.compile("\\b(?:class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern TEST_METHOD = Pattern.compile("@Test\\b[^;{]*?\\bvoid\\s+(\\w+)\\s*\\(", Pattern.DOTALL);
    private static final Set<String> TEXT = Set.of("java", "md", "adoc", "txt", "properties", "xml", "yml",
            "yaml", "jsh", "expected", "sh", "html", "htm", "svg", "css", "js", "json", "csv", "");

    private final List<String> regionLines;
    private final List<String> hiddenNames;

    private LeakCheck(List<String> regionLines, List<String> hiddenNames) {
        this.regionLines = regionLines;
        this.hiddenNames = hiddenNames;
    }

    /** Learns the regions and hidden suites of every chapter of the checkout {@code chapters}. */
    public static LeakCheck of(Chapters chapters) {
        Set<String> inRegions = new LinkedHashSet<>();
        Set<String> outside = new HashSet<>();
        Path root = chapters.root();
        for (Path f : FileTree.files(root.resolve("runtime/src/main/java"))) {
            split(Grader.read(f), inRegions, outside);
        }
        for (Path f : FileTree.files(root.resolve("grader/src/main/java"))) {
            outside.addAll(normalizedLines(Grader.read(f)));
        }
        List<String> names = new ArrayList<>();
        for (Chapter ch : chapters.all()) {
            for (Path f : FileTree.files(ch.dir())) {
                if (!f.toString().contains("/target/")) {
                    outside.addAll(normalizedLines(Grader.read(f)));
                }
            }
            new StubGenerator(ch).generate(StubGenerator.Edition.STUBS).values()
                    .forEach(s -> outside.addAll(normalizedLines(s)));
            for (Path f : FileTree.files(ch.hiddenTests())) {
                String text = Grader.read(f);
                addAll(names, CLASS_DECL.matcher(text), n -> n.endsWith("Test"));
                addAll(names, TEST_METHOD.matcher(text), n -> n.length() >= MIN_NAME);
            }
        }
        // Substrings too: a region line that is part of a longer line elsewhere is not distinctive.
        String elsewhere = String.join("\n", outside);
        List<String> distinctive = inRegions.stream()
                .filter(l -> l.length() >= MIN_LINE && !elsewhere.contains(l)).toList();
        return new LeakCheck(distinctive, List.copyOf(new LinkedHashSet<>(names)));
    }

    /** How many region lines and hidden names the check looks for (so a test can see it is armed). */
    public String armed() {
        return regionLines.size() + " distinctive solution lines, " + hiddenNames.size() + " hidden names";
    }

    /** Every leak found under {@code edition}, one line each ("path: what"); empty if none. */
    public List<String> scan(Path edition) {
        List<String> found = new ArrayList<>();
        for (Path f : FileTree.files(edition)) {
            String rel = edition.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith(".git/")) {
                continue;
            }
            if (rel.startsWith("solutions/") || rel.contains("/solutions/") && rel.endsWith(".java")) {
                found.add(rel + ": a hidden suite's file");
            }
            if (rel.startsWith("runtime/src/")) {
                found.add(rel + ": a reference source (stubs are generated from these)");
            }
            String ext = extension(rel);
            if (ext.equals("jar") || ext.equals("zip")) {
                scanJar(f, rel, found);
            } else if (ext.equals("pdf")) {
                String text = pdfText(f);
                if (text != null) {
                    scanText(rel, text, found);
                }
            } else if (TEXT.contains(ext)) {
                String text = Grader.read(f);
                scanText(rel, ext.startsWith("htm") || ext.equals("svg") ? stripHtml(text) : text, found);
            }
        }
        return found;
    }

    private void scanJar(Path jar, String rel, List<String> found) {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : j.stream().filter(e -> !e.isDirectory()).toList()) {
                String name = e.getName();
                String where = rel + "!/" + name;
                if (name.startsWith("dev/gort/solutions/")) {
                    found.add(where + ": a hidden suite's class");
                } else if (name.endsWith(".java")) {
                    found.add(where + ": a Java source in a jar");
                } else if (!name.endsWith(".class") && TEXT.contains(extension(name))) {
                    try (InputStream in = j.getInputStream(e)) {
                        scanText(where, new String(in.readAllBytes(), StandardCharsets.UTF_8), found);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private void scanText(String where, String text, List<String> found) {
        for (String line : text.split("\n", -1)) {
            if (Region.marker(line)) {
                found.add(where + ": a solution marker: " + line.strip());
                break;
            }
        }
        String flat = " " + collapse(text) + " ";
        for (String l : regionLines) {
            if (flat.contains(l)) {
                found.add(where + ": a line of a solution region: " + l);
                break;
            }
        }
        for (String n : hiddenNames) {
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(n) + "(?!\\w)").matcher(text).find()) {
                found.add(where + ": names the hidden suite: " + n);
                break;
            }
        }
    }

    // --- text -----------------------------------------------------------------------------------

    /** Sorts the normalized lines of a reference source into those inside regions and the rest. */
    private static void split(String text, Set<String> inRegions, Set<String> outside) {
        boolean in = false;
        for (String line : text.split("\n", -1)) {
            if (Region.marker(line)) {
                in = !line.strip().startsWith("// END");
                continue;
            }
            String n = collapse(line);
            if (!n.isEmpty()) {
                (in ? inRegions : outside).add(n);
            }
        }
    }

    private static List<String> normalizedLines(String text) {
        return text.lines().map(LeakCheck::collapse).filter(s -> !s.isEmpty()).toList();
    }

    static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** HTML to its text: tags removed, the common entities decoded. */
    static String stripHtml(String html) {
        String t = html.replaceAll("(?s)<[^>]*>", "");
        Matcher m = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(t);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            int cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(b, Matcher.quoteReplacement(Character.toString(cp)));
        }
        m.appendTail(b);
        return b.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    }

    /** The PDF's text through poppler's pdftotext, or null when it is not installed. */
    static String pdfText(Path pdf) {
        try {
            Path txt = Files.createTempFile("gort-leak", ".txt");
            try {
                Process p = new ProcessBuilder("pdftotext", "-q", pdf.toString(), txt.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return p.exitValue() == 0 ? Files.readString(txt) : null;
            } finally {
                Files.deleteIfExists(txt);
            }
        } catch (IOException e) {
            return null; // no pdftotext: the HTML, made from the same sources, was searched
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** True when the PDF's text can be searched on this machine. */
    public static boolean canReadPdf() {
        try {
            Process p = new ProcessBuilder("pdftotext", "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void addAll(List<String> into, Matcher m, java.util.function.Predicate<String> keep) {
        while (m.find()) {
            if (keep.test(m.group(1))) {
                into.add(m.group(1));
            }
        }
    }
}
