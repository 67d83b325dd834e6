package dev.gort.grader.engine;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath student code and tests are compiled and run against: the grader's own (the runtime,
 * JUnit, Hamcrest, the grader's API and test runner), without any chapter or solutions build output
 * that happens to be on it (a Maven test run of the solutions has both), so that the student's
 * classes and the grader's copy of the tests are the only ones of the chapter.
 */
public final class Classpath {
    private Classpath() {}

    /** The current JVM's classpath, as Surefire or the launcher set it, minus chapter outputs. */
    public static List<Path> grader(Path root) {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        Path chapters = root.resolve("chapters").toAbsolutePath().normalize();
        Path solutions = root.resolve("solutions").toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        for (String e : Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList()) {
            Path p = Path.of(e).toAbsolutePath().normalize();
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (p.startsWith(chapters) || p.startsWith(solutions) || name.startsWith("gort-chapter-")
                    || name.startsWith("gort-solutions-") || name.startsWith("surefire")) {
                continue;
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
