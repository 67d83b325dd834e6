package dev.gort.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gort.grader.chapter.Chapter;

/**
 * Reads a submission folder the way an honest student may have packed it, so that how the work
 * was saved never costs points: the chapter's files are found by name anywhere in it (under
 * {@code target/} or {@code build/} too), in any common encoding, and every file that cannot be
 * used costs only itself, with a note that says why.
 *
 * <ul>
 * <li>Encodings: UTF-8 (with or without a BOM), UTF-16 with a BOM, and anything else as
 *     Windows-1252 (a superset of Latin-1), with a note.</li>
 * <li>Several copies of a file: the edited one wins over an untouched stub; among edited ones the
 *     one at the package path, then the newest. The note names the path used.</li>
 * <li>A wrong or missing {@code package} line, a binary file under a chapter file's name: that
 *     file alone is graded as its untouched stub, with a note naming the expected package.</li>
 * <li>Unreadable folders and files are skipped with a note; symbolic links that leave the
 *     submission are reported and never followed (a link to {@code /etc/passwd} named
 *     {@code RunQueue.java} would otherwise be quoted in compiler errors).</li>
 * </ul>
 */
final class Submission {
    private static final Pattern PACKAGE = Pattern.compile(
            "^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".svn", ".hg", "node_modules");

    private Submission() {}

    /** A file found under a chapter file's name. */
    private record Copy(Path path, String text, String encodingNote, long mtime) {}

    /**
     * The student's files from {@code dir}, by relative path, with {@code fallback} (the untouched
     * stubs) for those that are missing or unusable; what happened goes into {@code notes}.
     */
    static Map<Path, String> collect(Chapter ch, Path dir, Map<Path, String> fallback, List<String> notes) {
        Set<String> names = ch.studentFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        Map<String, List<Copy>> found = walk(dir, names, notes);
        Map<Path, String> m = new LinkedHashMap<>();
        for (Path rel : ch.studentFiles()) {
            String name = rel.getFileName().toString();
            String stub = fallback.get(rel);
            Copy use = choose(rel, found.getOrDefault(name, List.of()), stub, dir, notes);
            String why = use == null ? null : unusable(ch, use);
            if (use != null && why == null) {
                if (use.encodingNote() != null) {
                    notes.add(name + ": " + use.encodingNote());
                }
                m.put(rel, use.text());
            } else if (stub != null) {
                notes.add(why != null ? why : name + " is not in the submission: graded its untouched stub.");
                m.put(rel, stub);
            } else {
                notes.add(name + " is missing or unusable and there is no stub to use instead.");
            }
        }
        return m;
    }

    /** Every readable regular file named like a chapter file, by name; links judged on the way. */
    private static Map<String, List<Copy>> walk(Path dir, Set<String> names, List<String> notes) {
        Map<String, List<Copy>> found = new LinkedHashMap<>();
        Path top;
        try {
            top = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the submission " + dir, e);
        }
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    return SKIPPED_DIRS.contains(String.valueOf(d.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    String name = f.getFileName().toString();
                    if (!names.contains(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path target = f;
                    if (a.isSymbolicLink()) {
                        try {
                            target = f.toRealPath();
                        } catch (IOException e) {
                            notes.add(top.relativize(f) + " is a broken symbolic link: skipped.");
                            return FileVisitResult.CONTINUE;
                        }
                        if (!target.startsWith(top)) {
                            notes.add(top.relativize(f) + " is a symbolic link to a file outside the"
                                    + " submission: not followed.");
                            return FileVisitResult.CONTINUE;
                        }
                    }
                    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                        return FileVisitResult.CONTINUE;
                    }
                    try {
                        byte[] bytes = Files.readAllBytes(target);
                        found.computeIfAbsent(name, k -> new ArrayList<>()).add(decode(top.relativize(f),
                                bytes, Files.getLastModifiedTime(target).toMillis()));
                    } catch (IOException e) {
                        notes.add(top.relativize(f) + " cannot be read (" + e.getClass().getSimpleName()
                                + "): skipped.");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    notes.add(top.relativize(f) + " cannot be read (" + e.getClass().getSimpleName()
                            + "): skipped.");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            notes.add("the submission could not be read completely: " + e.getMessage());
        }
        return found;
    }

    /** The text of a file in whichever common encoding it was saved. */
    static Copy decode(Path path, byte[] b, long mtime) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new Copy(path, new String(b, 3, b.length - 3, StandardCharsets.UTF_8), null, mtime);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new Copy(path, new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE),
                    "saved as UTF-16 (big-endian); read it as such.", mtime);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new Copy(path, new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE),
                    "saved as UTF-16 (little-endian); read it as such.", mtime);
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            return new Copy(path, s, null, mtime);
        } catch (CharacterCodingException e) {
            return new Copy(path, new String(b, Charset.forName("windows-1252")),
                    "not UTF-8; read it as Windows-1252 (Latin-1). Save it as UTF-8 to be sure.", mtime);
        }
    }

    /**
     * The copy to grade: an edited one rather than an untouched stub; then the one at the
     * package path; then the newest.
     */
    private static Copy choose(Path rel, List<Copy> copies, String stub, Path dir, List<String> notes) {
        if (copies.isEmpty()) {
            return null;
        }
        List<Copy> edited = copies.stream().filter(c -> stub == null || !same(c.text(), stub)).toList();
        List<Copy> pool = edited.isEmpty() ? copies : edited;
        Copy best = pool.stream().sorted(Comparator
                        .comparing((Copy c) -> !c.path().endsWith(rel))
                        .thenComparing(c -> -c.mtime())
                        .thenComparing(c -> c.path().toString()))
                .findFirst().orElseThrow();
        if (copies.size() > 1) {
            notes.add(rel.getFileName() + ": the submission holds " + copies.size() + " copies ("
                    + copies.stream().map(c -> c.path().toString()).collect(Collectors.joining(", "))
                    + "); graded " + best.path() + (edited.isEmpty() ? " (none is edited)"
                    : edited.size() < copies.size() ? ", an edited one (the others are untouched stubs)" : "")
                    + ".");
        }
        return best;
    }

    /** Equal but for whitespace: an untouched stub, whatever the editor did to line ends. */
    private static boolean same(String a, String b) {
        return a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
    }

    /** Why a file cannot be graded as it is (null if it can): binary, or the wrong package. */
    private static String unusable(Chapter ch, Copy c) {
        String name = c.path().getFileName().toString();
        if (c.text().indexOf('\0') >= 0) {
            return c.path() + " is not a text file: graded its untouched stub.";
        }
        Matcher m = PACKAGE.matcher(withoutComments(c.text()));
        String declared = m.find() ? m.group(1) : null;
        if (!ch.packageName().equals(declared)) {
            return name + (declared == null ? " has no package line" : " declares package " + declared)
                    + ", but the chapter's files must be in package " + ch.packageName()
                    + " (the first line: package " + ch.packageName() + ";). Graded its untouched stub"
                    + " instead; your other files were graded as usual.";
        }
        return null;
    }

    private static String withoutComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
