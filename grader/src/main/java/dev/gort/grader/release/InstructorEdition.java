package dev.gort.grader.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.gort.grader.engine.Grader;
import dev.gort.grader.chapter.Chapter;

/**
 * Writes the instructor edition: the whole workbook (reference sources with their solution regions,
 * hidden suites, grader, book sources, benchmarks), limited to the chosen chapters, as a clean tree
 * without build output. It grades ({@code ./workbook grade}), runs the self-test and makes student
 * editions and Gradescope bundles of its own.
 *
 * <p>The files are those Git knows (tracked, or new and not ignored) when the checkout is a Git
 * working copy, else every file outside {@code target/}, {@code .gort/} and {@code .git/}. Chapters
 * not chosen lose their {@code chapters/} and {@code solutions/} folders and their modules in the
 * parent POM.
 */
public final class InstructorEdition {
    private InstructorEdition() {}

    public static void write(Path root, List<Chapter> all, List<Chapter> chosen, String version,
                             String madeFrom, Path out) {
        Set<String> dropped = all.stream().filter(c -> !chosen.contains(c)).map(Chapter::id)
                .collect(Collectors.toSet());
        for (String rel : files(root)) {
            String[] parts = rel.split("/");
            boolean droppedChapter = parts.length > 1 && (parts[0].equals("chapters") || parts[0].equals("solutions"))
                    && dropped.contains(parts[1]);
            if (!droppedChapter && !rel.equals(Edition.FILE)) {
                FileTree.copyFile(root.resolve(rel), out.resolve(rel));
            }
        }
        String pom = Grader.read(out.resolve("pom.xml"));
        for (String id : dropped) {
            pom = pom.replaceAll("\\n[ \\t]*<module>(chapters|solutions)/" + java.util.regex.Pattern.quote(id)
                    + "</module>", "");
        }
        FileTree.write(out.resolve("pom.xml"), pom);
        new Edition(Edition.Kind.INSTRUCTOR, version, chosen.stream().map(Chapter::id).toList(), madeFrom)
                .write(out);
    }

    /** The checkout's files, relative and with '/', as Git sees them (or by walking). */
    static List<String> files(Path root) {
        List<String> git = git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        if (git != null) {
            return git.stream().filter(rel -> Files.isRegularFile(root.resolve(rel))).sorted().toList();
        }
        List<String> out = new ArrayList<>();
        for (Path f : FileTree.files(root)) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (!("/" + rel).matches(".*/(target|\\.gort|\\.git)/.*")) {
                out.add(rel);
            }
        }
        return out;
    }

    /** Where the checkout comes from: {@code git describe --always --dirty}, or "" without Git. */
    public static String madeFrom(Path root) {
        List<String> d = git(root, "describe", "--always", "--dirty");
        return d == null || d.isEmpty() ? "" : d.getFirst().strip();
    }

    /** Runs git in {@code root}; its output split on NUL or newlines, or null if git failed. */
    private static List<String> git(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("[\\x00\\n]"))
                    .filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running git", e));
        }
    }
}
