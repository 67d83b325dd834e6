package dev.gort.grader.chapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns the reference sources of a chapter into the chapter's stubs (or its solution edition).
 *
 * <p>A stub keeps the reference file's shape — Javadoc, fields, signatures, and every method
 * outside a solution region verbatim — in the chapter's package. Each {@link Region} becomes
 * <pre>    throw new Todo("runqget", "Take runnext first ...", "scheduler#runqget");</pre>
 * at the region's indentation. Moving the class to another package means that the types it used
 * from its own package now need imports: the generator adds one for each public top-level type of
 * that package whose name the stub uses, and one for {@code Todo}; it drops single-type imports
 * whose simple name the stub no longer mentions. Package-private members of the old package are not
 * reachable from the chapter's package: a reference part must use only public API (the grader's
 * self-test compiles both editions and fails if it does not).
 *
 * <p>The solution edition is the same transformation with the regions' code kept: the reference
 * implementation as a student submission, which the self-test grades and expects full marks for.
 *
 * <p>A stub's first lines name its source and carry a hash of the generated text, so that
 * {@code ./workbook stubs} can tell an untouched old stub (replaced) from a file a student has
 * edited (kept unless forced).
 */
public final class StubGenerator {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;\\s*$");
    private static final Pattern IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;\\s*$");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");
    static final Pattern HASH_LINE = Pattern.compile("^// stub-hash: ([0-9a-f]+)$", Pattern.MULTILINE);

    /** What to generate. */
    public enum Edition {
        /** Regions replaced by {@code throw new Todo(...)}: what students get. */
        STUBS,
        /** Regions kept: the reference as a submission, for the grader's self-test. */
        SOLUTION
    }

    private final Chapter chapter;

    public StubGenerator(Chapter chapter) {
        this.chapter = chapter;
    }

    /** The generated files: path relative to the chapter's src/main/java, to content. */
    public Map<Path, String> generate(Edition edition) {
        return generate(edition, Map.of());
    }

    /**
     * The same, with some reference sources read from {@code replaced} (path from the repository
     * root to its lines) instead of the disk: how the mutation self-test makes a mutant's edition.
     */
    public Map<Path, String> generate(Edition edition, Map<Path, List<String>> replaced) {
        Set<String> stubbedNames = chapter.stubSources().stream()
                .map(p -> p.getFileName().toString().replaceFirst("\\.java$", ""))
                .collect(Collectors.toSet());
        Map<Path, String> out = new LinkedHashMap<>();
        List<Path> targets = chapter.studentFiles();
        for (int i = 0; i < targets.size(); i++) {
            Path rel = chapter.stubSources().get(i);
            List<String> lines = replaced.get(rel);
            out.put(targets.get(i), generate(rel, lines != null ? lines : referenceLines(rel), edition,
                    stubbedNames));
        }
        return out;
    }

    /** The lines of the reference source {@code rel} (a path from the repository root). */
    public List<String> referenceLines(Path rel) {
        Path src = chapter.root().resolve(rel);
        try {
            return Files.readAllLines(src, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference source " + src
                    + " (listed under 'stubs' in " + chapter.dir().resolve(Chapter.MANIFEST) + ")", e);
        }
    }

    /** One file: {@code rel} is the reference source's path from the repository root. */
    String generate(Path rel, List<String> lines, Edition edition, Set<String> stubbedNames) {
        Path src = chapter.root().resolve(rel);
        List<Region> regions = Region.find(src, lines);
        if (regions.isEmpty()) {
            throw new Region.MarkerException(src, 0, "no // SOLUTION region: a stubbed source must"
                    + " have at least one (or remove it from 'stubs' in the chapter's manifest)");
        }
        List<String> body = replaceRegions(lines, regions, edition);

        String oldPackage = null;
        int packageLine = -1;
        int lastImport = -1;
        for (int i = 0; i < body.size(); i++) {
            Matcher m = PACKAGE.matcher(body.get(i));
            if (packageLine < 0 && m.matches()) {
                oldPackage = m.group(1);
                packageLine = i;
                body.set(i, "package " + chapter.packageName() + ";");
            } else if (IMPORT.matcher(body.get(i)).matches()) {
                lastImport = i;
            }
        }
        if (packageLine < 0) {
            throw new Region.MarkerException(src, 0, "no package declaration");
        }
        String text = String.join("\n", body);
        String self = rel.getFileName().toString().replaceFirst("\\.java$", "");

        Set<String> added = new TreeSet<>();
        String todo = chapter.todoClass();
        if (!todo.substring(0, Math.max(0, todo.lastIndexOf('.'))).equals(chapter.packageName())) {
            added.add(todo);
        }
        for (String type : publicTypes(src.getParent())) {
            if (!type.equals(self) && !stubbedNames.contains(type) && mentions(text, type)) {
                added.add(oldPackage + "." + type);
            }
        }
        List<String> result = new ArrayList<>(body);
        if (edition == Edition.STUBS) {
            dropUnusedImports(result);
            lastImport = -1;
            for (int i = 0; i < result.size(); i++) {
                if (IMPORT.matcher(result.get(i)).matches()) {
                    lastImport = i;
                }
            }
        }
        for (String existing : result) {
            Matcher m = IMPORT.matcher(existing);
            if (m.matches() && m.group(1) == null && m.group(3) == null) {
                added.remove(m.group(2));
            }
        }
        int at = lastImport >= 0 ? lastImport + 1 : packageLine(result) + 1;
        List<String> imports = added.stream().map(t -> "import " + t + ";").toList();
        if (lastImport < 0 && !imports.isEmpty()) {
            List<String> block = new ArrayList<>();
            block.add("");
            block.addAll(imports);
            imports = block;
        }
        result.addAll(at, imports);

        String generated = String.join("\n", result) + "\n";
        return header(rel, edition, generated) + generated;
    }

    private static int packageLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (PACKAGE.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return 0;
    }

    private List<String> replaceRegions(List<String> lines, List<Region> regions, Edition edition) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Region r : regions) {
            out.addAll(lines.subList(next, r.begin()));
            if (edition == Edition.STUBS) {
                String ref = r.bookRef() != null ? r.bookRef() : chapter.book() + "#" + r.id();
                out.add(r.indent() + "throw new " + simple(chapter.todoClass()) + "(" + quote(r.id())
                        + ", " + quote(r.task()) + ", " + quote(ref) + ");");
            } else {
                out.addAll(lines.subList(r.begin() + 1, r.end()));
            }
            next = r.end() + 1;
        }
        out.addAll(lines.subList(next, lines.size()));
        return out;
    }

    private static String header(Path rel, Edition edition, String generated) {
        String src = rel.toString().replace('\\', '/');
        String what = edition == Edition.STUBS
                ? "// Generated from " + src + " by ./workbook stubs: edit the TODOs.\n"
                  + "// ./workbook stubs regenerates it only while it is untouched (this hash matches).\n"
                : "// Solution edition of " + src + ", generated by the grader's self-test.\n";
        return what + "// stub-hash: " + hash(generated) + "\n";
    }

    /** The hash recorded in a generated file's header, or null. */
    static String recordedHash(String content) {
        Matcher m = HASH_LINE.matcher(content);
        return m.find() ? m.group(1) : null;
    }

    /** The text after the header (the line after {@code // stub-hash: ...}), or all of it. */
    static String afterHeader(String content) {
        Matcher m = HASH_LINE.matcher(content);
        if (!m.find()) {
            return content;
        }
        int nl = content.indexOf('\n', m.end());
        return nl < 0 ? "" : content.substring(nl + 1);
    }

    /** True if {@code content} is a generated stub nobody has edited since it was generated. */
    public static boolean untouched(String content) {
        String h = recordedHash(content);
        return h != null && h.equals(hash(afterHeader(content)));
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void dropUnusedImports(List<String> lines) {
        String code = withoutCommentsAndStrings(lines.stream()
                .filter(l -> !IMPORT.matcher(l).matches()).collect(Collectors.joining("\n")));
        lines.removeIf(l -> {
            Matcher m = IMPORT.matcher(l);
            if (!m.matches() || m.group(3) != null) {
                return false;
            }
            String name = m.group(2).substring(m.group(2).lastIndexOf('.') + 1);
            return !mentions(code, name);
        });
    }

    /** Java text with comments and string literals blanked: what is left names code only. */
    private static String withoutCommentsAndStrings(String text) {
        // One pass, so that "//" inside a string or a quote inside a comment is read right.
        return text.replaceAll("(?s)\"(?:\\\\.|[^\"\\\\\n])*\"|//[^\n]*|/\\*.*?\\*/", " ");
    }

    private static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b").matcher(text).find();
    }

    /** Public top-level types declared in the .java files of {@code dir}. */
    private static Set<String> publicTypes(Path dir) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = PUBLIC_TYPE.matcher(Files.readString(f));
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
