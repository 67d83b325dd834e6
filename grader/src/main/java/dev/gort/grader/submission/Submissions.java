package dev.gort.grader.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns what an instructor downloaded into one folder per submission, ready to grade.
 *
 * <p>A submission may be:
 * <ul>
 *   <li>a folder, including a Git working copy (a clone made by GitHub Classroom's assistant, say):
 *       graded in place (the grader skips {@code .git/} and {@code target/});
 *   <li>a {@code .zip} file (an LMS download, a student's upload): unpacked with {@link SafeUnzip};
 *   <li>a bare Git repository ({@code alice.git/}) or a Git bundle ({@code alice.bundle}): cloned,
 *       and its default branch's files graded. This needs {@code git} on the PATH.
 * </ul>
 * {@link #each} takes a folder (or a zip of one, as course sites export a whole class) and makes each
 * of its entries a submission, named after the entry without its extension. Hidden entries
 * ({@code .DS_Store}, {@code __MACOSX}) and loose files other than zips and bundles are skipped.
 */
public final class Submissions {
    /** One submission: the name reports and the gradebook use, and the folder to grade. */
    public record Submission(String name, Path dir) {}

    private final Path scratch;
    private final Set<String> names = new HashSet<>();

    /** Unpacked and cloned submissions go under {@code scratch}, which the caller deletes. */
    public Submissions(Path scratch) {
        this.scratch = scratch;
    }

    /** One submission from {@code p}: a folder, a zip, a bare repository or a bundle. */
    public Submission one(Path p) throws IOException {
        String file = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        String name = unique(stripExtension(file));
        if (Files.isDirectory(p)) {
            if (!bareRepository(p)) {
                return new Submission(name, p);
            }
            return new Submission(name, clone(p, name));
        }
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            Path to = scratch.resolve(name);
            SafeUnzip.unzip(p, to, SafeUnzip.Limits.submission());
            return new Submission(name, to);
        }
        if (lower.endsWith(".bundle")) {
            return new Submission(name, clone(p, name));
        }
        throw new IOException(p + " is not a submission: expected a folder, a .zip file, a bare Git"
                + " repository or a .bundle file");
    }

    /**
     * Every submission in {@code folder} (a folder, or a zip holding one per student). One that
     * cannot be unpacked is described in {@code problems} and left out; the rest go on.
     */
    public List<Submission> each(Path folder, List<String> problems) throws IOException {
        Path dir = folder;
        if (!Files.isDirectory(folder)) {
            if (!folder.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                throw new IOException(folder + " is neither a folder of submissions nor a zip of one");
            }
            dir = scratch.resolve(".export-" + stripExtension(folder.getFileName().toString()));
            SafeUnzip.unzip(folder, dir, SafeUnzip.Limits.classExport());
            dir = singleFolder(dir);
        }
        List<Submission> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                boolean archive = n.toLowerCase(Locale.ROOT).matches(".*\\.(zip|bundle)");
                if (n.startsWith(".") || n.equals("__MACOSX") || !Files.isDirectory(p) && !archive) {
                    continue;
                }
                try {
                    out.add(one(p));
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            throw new IOException(folder + " holds no submission (no folder, .zip or .bundle in it)");
        }
        return out;
    }

    /** An export that wraps everything in one top folder: that folder. */
    private static Path singleFolder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> top = s.filter(p -> !p.getFileName().toString().equals("__MACOSX")).toList();
            return top.size() == 1 && Files.isDirectory(top.getFirst()) ? top.getFirst() : dir;
        }
    }

    /** True for a Git repository without a working tree ({@code git clone --bare}). */
    static boolean bareRepository(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs")) && !Files.exists(dir.resolve(".git"));
    }

    private Path clone(Path repo, String name) throws IOException {
        Path to = scratch.resolve(name);
        Files.createDirectories(scratch);
        List<String> cmd = List.of("git", "-c", "core.symlinks=false", "clone", "--quiet", "--no-hardlinks",
                repo.toAbsolutePath().toString(), to.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(repo + " is a Git repository, and git is not installed: install Git,"
                    + " or hand the grader a clone of it (a folder)", e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("git clone " + repo + " did not finish in 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException("git could not clone " + repo + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while cloning " + repo, e);
        }
        return to;
    }

    private String unique(String base) {
        String n = base.isBlank() ? "submission" : base;
        String name = n;
        for (int i = 2; !names.add(name); i++) {
            name = n + "-" + i;
        }
        return name;
    }

    private static String stripExtension(String file) {
        return file.replaceFirst("(?i)\\.(zip|bundle|git)$", "");
    }
}
