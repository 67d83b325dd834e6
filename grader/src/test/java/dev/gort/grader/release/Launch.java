package dev.gort.grader.release;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the workbook CLI, or any command, as its own process, the way an instructor's shell would:
 * the CLI with the classpath the launcher uses ({@code grader/target/classes} and the
 * {@code classpath.txt} the grader's build writes), so that what it packs into editions is what
 * {@code ./workbook} would pack, not the test's own classpath.
 */
public final class Launch {
    private Launch() {}

    /** What a process did. */
    public record Run(int status, String out) {
        @Override
        public String toString() {
            return "status " + status + "\n--- output:\n" + out;
        }
    }

    /** The repository root, seen from a module's directory (where Maven runs tests). */
    public static Path repositoryRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** The JDK running the tests (a 25: the build requires it). */
    public static String javaHome() {
        return System.getProperty("java.home");
    }

    /** {@code ./workbook ARGS} in the checkout or edition {@code root} whose grader was built there. */
    public static Run workbook(Path root, Path workDir, String... args) {
        Path classes = root.resolve("grader/target/classes");
        Path cpFile = root.resolve("grader/target/classpath.txt");
        if (!Files.isRegularFile(cpFile)) {
            throw new IllegalStateException(cpFile + " is missing: package the grader first"
                    + " (mvn -pl grader -am package)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(javaHome(), "bin", "java").toString(),
                "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dgort.root=" + root,
                "-cp", classes + File.pathSeparator + read(cpFile).strip(), "dev.gort.grader.Workbook"));
        cmd.addAll(List.of(args));
        return run(cmd, workDir, Map.of());
    }

    /** Runs {@code cmd} in {@code dir} with {@code env} added, output and errors together. */
    public static Run run(List<String> cmd, Path dir, Map<String, String> env) {
        try {
            Files.createDirectories(dir);
            Path log = Files.createTempFile("gort-launch", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().put("JAVA_HOME", javaHome());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly().waitFor();
                    throw new IllegalStateException(cmd + " did not finish in 10 minutes:\n" + read(log));
                }
                return new Run(p.exitValue(), read(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
