package dev.gort.grader.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip file that a student (or a course site) made, without trusting it.
 *
 * <ul>
 *   <li>Every entry lands inside the target folder: a name that is absolute, has a drive letter or
 *       climbs out with {@code ..} is refused, and the whole zip with it (it is not an honest
 *       submission). Backslashes, which zips made on Windows use, count as separators.
 *   <li>Sizes are counted as bytes are written, not taken from the headers, so a zip bomb stops at
 *       the limit: {@link Limits#maxBytes()} in all, {@link Limits#maxEntries()} entries.
 *   <li>Entries are written as plain files, never as links, and never over an existing file.
 *   <li>Entry names in UTF-8, else in the old DOS code page (CP437) that many zip tools still
 *       write, so that honest input with odd names still unpacks.
 * </ul>
 */
public final class SafeUnzip {
    /** How much one zip may unpack to. */
    public record Limits(long maxBytes, int maxEntries) {
        /** A student's submission: sources, perhaps a build folder by mistake. */
        public static Limits submission() {
            return new Limits(200L << 20, 20_000);
        }

        /** A whole class's export from a course site (a zip of submissions). */
        public static Limits classExport() {
            return new Limits(4L << 30, 500_000);
        }
    }

    /** A zip that could not be unpacked safely; the message says why, naming the entry. */
    public static final class UnsafeZipException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafeZipException(String message) {
            super(message);
        }
    }

    private SafeUnzip() {}

    /** Unpacks {@code zip} into the folder {@code to} (created; it must not exist or be empty). */
    public static void unzip(Path zip, Path to, Limits limits) throws IOException {
        try {
            unzip(zip, to, limits, StandardCharsets.UTF_8);
        } catch (ZipException | IllegalArgumentException e) {
            // Names that are not UTF-8: the zip was made with the DOS code page.
            clear(to);
            unzip(zip, to, limits, Charset.forName("IBM437"));
        }
    }

    private static void unzip(Path zip, Path to, Limits limits, Charset names) throws IOException {
        Path root = Files.createDirectories(to).toRealPath();
        long written = 0;
        int entries = 0;
        try (ZipFile z = new ZipFile(zip.toFile(), names)) {
            Enumeration<? extends ZipEntry> all = z.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw new UnsafeZipException(zip.getFileName() + " has more than " + limits.maxEntries()
                            + " entries; a submission never needs that many");
                }
                Path target = inside(root, e.getName(), e.isDirectory(), zip);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        written += n;
                        if (written > limits.maxBytes()) {
                            throw new UnsafeZipException(zip.getFileName() + " unpacks to more than "
                                    + (limits.maxBytes() >> 20) + " MB (stopped at " + e.getName() + ")");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }

    /** Where entry {@code name} goes under {@code root}, or an exception if it would leave it. */
    static Path inside(Path root, String name, boolean directory, Path zip) throws UnsafeZipException {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\0")) {
            throw new UnsafeZipException(zip.getFileName() + ": entry '" + name + "' has an absolute path");
        }
        Path target = root.resolve(n).normalize();
        if (!target.startsWith(root) || target.equals(root) && !directory) {
            throw new UnsafeZipException(zip.getFileName() + ": entry '" + name
                    + "' points outside the folder it is unpacked into");
        }
        return target;
    }

    private static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
