package dev.gort.grader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a test JVM is kept from the rest of the machine.
 *
 * <p>With bubblewrap ({@code bwrap}, the Debian package {@code bubblewrap}) each test JVM runs in
 * its own namespaces: no network, its own PID namespace (so every process it starts dies with it),
 * the whole file system read-only and {@code /tmp} empty, except its scratch folder, where only
 * the run folder is writable; the checkout's hidden suites ({@code solutions/}) are not even
 * visible. Without bubblewrap the isolation is process-level only: a separate JVM with its own
 * limits, whose process tree the grader kills when the run ends. The bytecode check refuses
 * files, processes and the network either way; this is the second wall.
 *
 * <p>{@code GORT_ISOLATION=process} turns bubblewrap off (to compare, or where user namespaces
 * are not allowed); the level is checked once per grader JVM by running {@code bwrap} on
 * {@code true}.
 */
public final class Isolation {
    /** What a submission's test JVMs ran in, as feedback records it. */
    public enum Level {
        BUBBLEWRAP("bubblewrap sandbox: no network, read-only file system except a scratch folder,"
                + " own PID namespace"),
        PROCESS("process-level only: a separate JVM with limits, its process tree killed at the"
                + " end; no sandbox (install bubblewrap for one)");

        private final String description;

        Level(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static volatile Level level;

    private Isolation() {}

    /** The isolation available here (checked once). */
    public static Level level() {
        Level l = level;
        if (l == null) {
            l = detect();
            level = l;
        }
        return l;
    }

    private static Level detect() {
        if ("process".equals(System.getenv("GORT_ISOLATION"))) {
            return Level.PROCESS;
        }
        try {
            Process p = new ProcessBuilder("bwrap", "--ro-bind", "/", "/", "--dev", "/dev",
                    "--unshare-all", "--die-with-parent", "true").redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? Level.BUBBLEWRAP : Level.PROCESS;
        } catch (IOException e) {
            return Level.PROCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Level.PROCESS;
        }
    }

    /**
     * {@code cmd} wrapped for the isolation available: {@code scratch} (the submission's scratch
     * folder) readable, {@code run} (inside it) writable, {@code hide} (if it exists) not visible,
     * and every {@code classpath} entry readable even where the empty {@code /tmp} or
     * {@code hide} covers it (a checkout or a CI clone may well live under {@code /tmp}).
     */
    static List<String> wrap(List<String> cmd, List<Path> classpath, Path scratch, Path run,
                             Path hide) {
        return level() == Level.BUBBLEWRAP ? bwrap(cmd, classpath, scratch, run, hide) : cmd;
    }

    static List<String> bwrap(List<String> cmd, List<Path> classpath, Path scratch, Path run,
                              Path hide) {
        List<String> w = new ArrayList<>(List.of("bwrap", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--tmpfs", "/tmp"));
        if (hide != null && Files.isDirectory(hide)) {
            w.addAll(List.of("--tmpfs", hide.toAbsolutePath().toString()));
        }
        for (Path entry : classpath) {
            Path e = entry.toAbsolutePath().normalize();
            boolean covered = e.startsWith("/tmp")
                    || (hide != null && e.startsWith(hide.toAbsolutePath().normalize()));
            if (covered && Files.exists(e)) {
                w.addAll(List.of("--ro-bind", e.toString(), e.toString()));
            }
        }
        String s = scratch.toAbsolutePath().toString();
        String r = run.toAbsolutePath().toString();
        w.addAll(List.of("--ro-bind", s, s, "--bind", r, r, "--chdir", r,
                "--unshare-all", "--die-with-parent", "--new-session", "--"));
        w.addAll(cmd);
        return w;
    }
}
