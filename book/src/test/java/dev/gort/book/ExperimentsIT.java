package dev.gort.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every experiment the book names, exactly as a reader would ({@code ./jbang FILE.jsh} from
 * the workbook's root), and checks what it prints.
 *
 * <p>Beside each {@code name.jsh} is {@code name.expected}: regular expressions, one per line
 * ({@code #} starts a comment), that lines of the standard output must match in order. A run also
 * fails if it exits non-zero (each script ends with {@code /exit} and its own verdict), takes
 * longer than five minutes, or prints a line to standard error that starts with
 * {@code Exception } or {@code Error:} (how jshell reports an exception or a compile error in a
 * snippet, after which it goes on and would otherwise exit 0), or any other line on standard error
 * but the launchers' progress ({@code gort:}, {@code [jbang]}): a JVM warning is noise that the
 * reader would have to learn to ignore.
 *
 * <p>Runs in the integration-test phase, after the build installed the runtime in the local
 * repository for the scripts' {@code //DEPS}.
 */
class ExperimentsIT {
    private static final Pattern BAD_STDERR = Pattern.compile("^(\\|\\s+)?(Exception |Error:).*");
    /** Progress of ./jbang (installing the runtime) and of JBang (resolving //DEPS again). */
    private static final Pattern PROGRESS = Pattern.compile("^(gort:|\\[jbang\\]) .*");

    static Path root() {
        return Path.of(System.getProperty("gort.root", "..")).toAbsolutePath().normalize();
    }

    static List<Path> experiments() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> chapters = Files.list(root().resolve("chapters"))) {
            for (Path ch : chapters.sorted().toList()) {
                Path dir = ch.resolve("experiments");
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(f -> f.toString().endsWith(".jsh")).sorted().forEach(all::add);
                    }
                }
            }
        }
        return all;
    }

    /** Two at a time: each run is mostly a JVM starting and jshell compiling, one core each. */
    private static final int PARALLEL = 2;

    @TestFactory
    Stream<DynamicTest> everyExperimentPrintsWhatItShould() throws IOException {
        List<Path> all = experiments();
        assertTrue(all.size() >= 8, "expected at least 4 experiments in each of two chapters, found " + all);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        // The first run alone: it may fetch JBang and install the runtime, which must not race.
        Future<?> first = pool.submit(() -> {
            run(all.get(0));
            return null;
        });
        List<Future<?>> runs = new java.util.ArrayList<>(List.of(first));
        for (Path f : all.subList(1, all.size())) {
            runs.add(pool.submit(() -> {
                try {
                    first.get();
                } catch (ExecutionException e) {
                    // its own test reports it; the others still run
                }
                run(f);
                return null;
            }));
        }
        pool.shutdown();
        return IntStream.range(0, all.size()).mapToObj(i -> DynamicTest.dynamicTest(
                root().relativize(all.get(i)).toString(), () -> {
                    try {
                        runs.get(i).get();
                    } catch (ExecutionException e) {
                        throw e.getCause();
                    }
                }));
    }

    private static void run(Path jsh) throws Exception {
        Path root = root();
        String rel = root.relativize(jsh).toString();
        Path expectedFile = Path.of(jsh.toString().replaceAll("\\.jsh$", ".expected"));
        assertTrue(Files.exists(expectedFile), rel + ": no " + expectedFile.getFileName()
                + " beside it (regular expressions for the lines it must print)");
        List<Pattern> expected = Files.readAllLines(expectedFile).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(Pattern::compile).toList();

        Path out = Files.createTempFile("gort-experiment", ".out");
        Path err = Files.createTempFile("gort-experiment", ".err");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("jbang").toString(), rel)
                .directory(root.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(rel + ": still running after 5 minutes");
        }
        List<String> stdout = Files.readAllLines(out);
        List<String> stderr = Files.readAllLines(err);
        String report = "\n--- stdout of " + rel + "\n" + String.join("\n", stdout)
                + "\n--- stderr\n" + String.join("\n", stderr);
        assertEquals(0, p.exitValue(), rel + ": exit status" + report);
        for (String l : stderr) {
            if (BAD_STDERR.matcher(l).matches()) {
                fail(rel + ": a snippet failed: " + l + report);
            }
        }
        for (String l : stderr) {
            if (!PROGRESS.matcher(l).matches()) {
                fail(rel + ": noise on standard error that a reader would have to learn to ignore: " + l
                        + report);
            }
        }
        int i = 0;
        for (Pattern want : expected) {
            while (i < stdout.size() && !want.matcher(stdout.get(i)).matches()) {
                i++;
            }
            if (i == stdout.size()) {
                fail(rel + ": no line (after the ones already matched) matches " + want + report);
            }
            i++;
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
    }
}
