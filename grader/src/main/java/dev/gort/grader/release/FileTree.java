package dev.gort.grader.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The file work of making editions: copying trees (keeping the executable bit of launchers),
 * writing text, and packing classes into a jar or a folder into a zip.
 *
 * <p>Entries are written in sorted order with a fixed time, so that the same inputs make the same
 * bytes: an instructor can tell two autograder zips apart by their hash.
 */
public final class FileTree {
    /** 1980-01-01, the earliest time a zip entry can carry. */
    private static final FileTime FIXED = FileTime.fromMillis(315532800000L + 12 * 3600 * 1000L);

    private FileTree() {}

    /** Copies the files under {@code from} that {@code keep} accepts (by relative path) into {@code to}. */
    static void copy(Path from, Path to, Predicate<Path> keep) {
        for (Path p : files(from)) {
            Path rel = from.relativize(p);
            if (keep.test(rel)) {
                copyFile(p, to.resolve(rel.toString()));
            }
        }
    }

    /** Copies one file, making its folder; an executable stays executable. */
    static void copyFile(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (Files.isExecutable(from)) {
                to.toFile().setExecutable(true, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    static void write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    /** Every regular file under {@code dir}, sorted; none if it does not exist. */
    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the classes and resources of {@code code} (a folder of classes or a jar) into the jar
     * {@code out}, leaving out the build's manifest and Maven descriptor (service registrations
     * stay: they are what the JVM loads).
     */
    static void packClasses(Path code, Path out) {
        try {
            Files.createDirectories(out.getParent());
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(out))) {
                if (Files.isDirectory(code)) {
                    for (Path p : files(code)) {
                        String name = code.relativize(p).toString().replace('\\', '/');
                        if (!buildMetadata(name)) {
                            try (InputStream in = Files.newInputStream(p)) {
                                put(jar, name, in);
                            }
                        }
                    }
                } else {
                    try (JarFile src = new JarFile(code.toFile())) {
                        for (JarEntry e : src.stream().filter(e -> !e.isDirectory())
                                .sorted(Comparator.comparing(JarEntry::getName)).toList()) {
                            if (!buildMetadata(e.getName())) {
                                try (InputStream in = src.getInputStream(e)) {
                                    put(jar, e.getName(), in);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + code + " into " + out, e);
        }
    }

    private static boolean buildMetadata(String name) {
        return name.equals("META-INF/MANIFEST.MF") || name.startsWith("META-INF/maven/");
    }

    /**
     * Zips the folder {@code dir}'s contents (paths relative to it). Executables keep their mode in
     * the zip (through the zip file system's POSIX attributes), since Gradescope runs
     * {@code setup.sh} and {@code run_autograder} as they are unpacked.
     */
    static void zip(Path dir, Path out) {
        try {
            Files.deleteIfExists(out);
            try (FileSystem zip = FileSystems.newFileSystem(out,
                    Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                for (Path p : files(dir)) {
                    Path t = zip.getPath(dir.relativize(p).toString().replace('\\', '/'));
                    if (t.getParent() != null) {
                        Files.createDirectories(t.getParent());
                    }
                    Files.copy(p, t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(
                            Files.isExecutable(p) ? "rwxr-xr-x" : "rw-r--r--"));
                    Files.setLastModifiedTime(t, FIXED);
                }
                try (Stream<Path> dirs = Files.walk(zip.getPath("/"))) {
                    for (Path d : dirs.filter(d -> d.getNameCount() > 0 && Files.isDirectory(d)).toList()) {
                        Files.setLastModifiedTime(d, FIXED);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    private static void put(ZipOutputStream zip, String name, InputStream in) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(FIXED);
        zip.putNextEntry(e);
        in.transferTo(zip);
        zip.closeEntry();
    }

    /** Copies a stream to a file (for resources of the grader). */
    static void write(Path f, InputStream in) {
        try (in; OutputStream o = Files.newOutputStream(f)) {
            in.transferTo(o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
