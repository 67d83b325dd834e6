package dev.gort.grader.chapter;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One chapter of the workbook, read from its manifest {@code chapters/NN-name/chapter.properties}.
 *
 * <p>The manifest is a Java properties file:
 * <pre>
 * number   = 01
 * name     = scheduler
 * title    = The scheduler: Gs, Ms and Ps
 * package  = dev.gort.chapters.scheduler
 * book     = scheduler            (the book's section id; the Todo messages point at book: id#ex)
 * stubs    = runtime/src/main/java/dev/gort/runtime/sched/RunQueue.java, ...
 *                                 (reference sources, from the repository root, that carry
 *                                  solution regions; each becomes a stub in the chapter's package)
 * exercises = runqput, runqget     (in the order a student should do them)
 * exercise.runqget.title  = Take the next G: runnext first, then the ring
 * exercise.runqget.hint.1 = the idea ...   (as many levels as useful, 1, 2, 3...)
 * exercise.runq.regions   = runqput, runqget (the solution regions the exercise covers;
 *                                             default: the one region named like the exercise)
 * todo          = dev.gort.runtime.part.Todo   (optional: the exception stubs throw)
 * test.timeout  = 10                           (optional: seconds per test, default 10)
 * check.allow   = dev.gort.runtime.**          (optional, this is the default: what the student's
 *                                               files may use besides the JDK basics, checked in
 *                                               their bytecode; patterns as in the grader's
 *                                               AccessPolicy)
 * check.deny    = dev.gort.runtime.os.SimOs    (optional: exceptions to check.allow; every
 *                                               chapter's reference parts and the runtime's
 *                                               factories for them are always denied)
 * exercise.runqget.mutants.floor = 90          (optional: the least share of the exercise's
 *                                               mutants, in percent, that the tests must kill;
 *                                               ./workbook selftest --mutants fails below it)
 * mutant.equivalent.runqget-1a2b3c = why       (a mutant no test can kill, and the reason)
 * </pre>
 * Points are not in the manifest: they live on the tests ({@link dev.gort.grader.api.Points}).
 *
 * <p>Layout under the chapter's directory: {@code src/main/java} (the generated stubs, which the
 * student edits, plus hand-written files such as {@code ChapterNN.java}), {@code src/test/java}
 * (visible tests), {@code README.md}; the hidden suite is {@code solutions/NN-name/src/test/java}.
 */
public record Chapter(
        Path root,
        Path dir,
        String number,
        String name,
        String title,
        String packageName,
        String book,
        List<Path> stubSources,
        List<ExerciseInfo> exercises,
        String todoClass,
        Duration testTimeout,
        List<String> checkAllow,
        List<String> checkDeny,
        Map<String, String> equivalentMutants) {

    public static final String MANIFEST = "chapter.properties";
    public static final String DEFAULT_TODO = "dev.gort.runtime.part.Todo";
    /** Manifest keys {@code mutant.equivalent.KEY = why}: mutants that no test can kill. */
    public static final String EQUIVALENT_MUTANT = "mutant.equivalent.";

    /**
     * An exercise: its id, title, hints (easiest first), the ids of the solution regions it covers
     * (by default the one region named like the exercise), and the share of its mutants (in
     * percent) that the tests must kill, or -1 when the manifest sets no floor.
     */
    public record ExerciseInfo(String id, String title, List<String> hints, List<String> regions,
                               int mutantFloor) {}

    /** Reads {@code dir/chapter.properties}; {@code root} is the repository root. */
    public static Chapter load(Path root, Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        var p = new Properties();
        try (Reader in = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
        String number = required(p, manifest, "number");
        String name = required(p, manifest, "name");
        List<ExerciseInfo> exercises = new ArrayList<>();
        for (String id : list(p.getProperty("exercises", ""))) {
            List<String> hints = new ArrayList<>();
            for (int level = 1; p.getProperty("exercise." + id + ".hint." + level) != null; level++) {
                hints.add(p.getProperty("exercise." + id + ".hint." + level).strip());
            }
            List<String> regions = list(p.getProperty("exercise." + id + ".regions", id));
            exercises.add(new ExerciseInfo(id, p.getProperty("exercise." + id + ".title", id).strip(),
                    List.copyOf(hints), regions,
                    Integer.parseInt(p.getProperty("exercise." + id + ".mutants.floor", "-1").strip())));
        }
        Map<String, String> equivalent = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(EQUIVALENT_MUTANT)) {
                equivalent.put(key.substring(EQUIVALENT_MUTANT.length()), p.getProperty(key).strip());
            }
        }
        return new Chapter(root, dir, number, name, p.getProperty("title", name).strip(),
                required(p, manifest, "package"), p.getProperty("book", name).strip(),
                list(p.getProperty("stubs", "")).stream().map(Path::of).toList(),
                List.copyOf(exercises), p.getProperty("todo", DEFAULT_TODO).strip(),
                Duration.ofMillis((long) (1000 * Double.parseDouble(
                        p.getProperty("test.timeout", "10").strip()))),
                list(p.getProperty("check.allow", "dev.gort.runtime.**")), list(p.getProperty("check.deny", "")),
                Map.copyOf(equivalent));
    }

    private static String required(Properties p, Path manifest, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(manifest + ": missing '" + key + " = ...'");
        }
        return v.strip();
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isBlank()).toList();
    }

    /** {@code 01-scheduler}: the directory name under chapters/ and solutions/. */
    public String id() {
        return number + "-" + name;
    }

    public Path mainSources() {
        return dir.resolve("src/main/java");
    }

    public Path visibleTests() {
        return dir.resolve("src/test/java");
    }

    /** The hidden suite, {@code solutions/NN-name/src/test/java}; may not exist in a student edition. */
    public Path hiddenTests() {
        return root.resolve("solutions").resolve(id()).resolve("src/test/java");
    }

    public Path packageDir() {
        return mainSources().resolve(packageName.replace('.', '/'));
    }

    /** The student's files, relative to {@link #mainSources()}: one per stubbed reference source. */
    public List<Path> studentFiles() {
        return stubSources.stream()
                .map(s -> Path.of(packageName.replace('.', '/')).resolve(s.getFileName()))
                .toList();
    }

    public ExerciseInfo exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /** The exercise a solution region belongs to, or null. */
    public ExerciseInfo exerciseOfRegion(String regionId) {
        return exercises.stream().filter(e -> e.regions().contains(regionId)).findFirst().orElse(null);
    }
}
