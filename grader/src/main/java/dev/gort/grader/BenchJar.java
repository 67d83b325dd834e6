package dev.gort.grader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JMH suite's jar, {@code bench/target/benchmarks.jar}: rebuilt with Maven when it is missing
 * or older than the sources it is made of (the runtime's and bench/'s, and their POMs).
 */
final class BenchJar {
    private BenchJar() {}

    static Path path(Path root) {
        return root.resolve("bench/target/benchmarks.jar");
    }

    /** Builds the jar if it is stale; false (after saying why) if the build failed. */
    static boolean ensure(Path root, boolean offline, PrintWriter err) throws IOException, InterruptedException {
        Path jar = path(root);
        if (Files.isRegularFile(jar) && !newer(root, Files.getLastModifiedTime(jar))) {
            return true;
        }
        List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", "package", "-pl", "bench", "-am",
                "-DskipTests", "-Dasciidoctor.skip=true"));
        if (offline) {
            cmd.add("-o");
        }
        err.println("gort: building the benchmarks (bench/, " + String.join(" ", cmd) + ")...");
        err.flush();
        Path log = Files.createTempFile("gort-bench-build", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().merge("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow", (a, b) -> b + " " + a);
        int status;
        try {
            status = pb.start().waitFor();
        } catch (IOException e) {
            err.println("workbook bench: could not run Maven (mvn): " + e.getMessage());
            err.println("  Install Maven 3.8.7 or newer and put mvn on PATH, then rerun.");
            return false;
        }
        if (status != 0) {
            List<String> lines = Files.readAllLines(log);
            err.println("workbook bench: building bench/ failed. Last lines of " + log + ":");
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(err::println);
            return false;
        }
        Files.deleteIfExists(log);
        return true;
    }

    private static boolean newer(Path root, FileTime than) throws IOException {
        for (String d : List.of("pom.xml", "runtime/pom.xml", "runtime/src/main", "bench/pom.xml", "bench/src")) {
            Path p = root.resolve(d);
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(p)) {
                if (s.anyMatch(f -> modified(f).compareTo(than) > 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
