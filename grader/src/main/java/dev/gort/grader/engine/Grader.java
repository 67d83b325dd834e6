package dev.gort.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.GivenCode;
import dev.gort.grader.chapter.StubGenerator;

/**
 * Grades one submission of one chapter: collects the student's files, compiles them with the
 * grader's copy of everything else, runs the visible (and hidden) tests in forked JVMs, and returns
 * per-test results.
 *
 * <p>Only the chapter's student files (the stubs, by file name) are taken from a submission; the
 * chapter's other sources and all tests are the grader's own. A student file that does not compile
 * is replaced by its untouched stub so that the rest of the submission is still graded; the tests
 * of that file's exercises then say it did not compile and show the compiler's errors.
 */
public final class Grader {
    private static final Pattern TODO_ID = Pattern.compile("new\\s+\\w*Todo\\(\\s*\"([^\"]+)\"");

    /** Which tests. */
    public enum Suite { VISIBLE, ALL }

    /**
     * @param submission a directory holding the student's files, or null for the chapter's own
     *                   working copy (a learner checking their work)
     * @param sources    if not null: the student's files themselves (relative path to content), for
     *                   the self-test's solution edition; {@code submission} is then only a label
     */
    public record Request(Chapter chapter, Path submission, Map<Path, String> sources, Suite suite,
                          Limits limits, Path workDir, String filter, Map<String, String> properties) {

        public static Request of(Chapter chapter, Path submission, Suite suite, Limits limits,
                                 Path workDir) {
            return new Request(chapter, submission, null, suite, limits, workDir, "", Map.of());
        }

        public Request withSources(Map<Path, String> s) {
            return new Request(chapter, submission, s, suite, limits, workDir, filter, properties);
        }

        public Request withFilter(String f, Map<String, String> props) {
            return new Request(chapter, submission, sources, suite, limits, workDir, f, props);
        }
    }

    /** Everything a report needs about one graded submission. */
    public record Grade(Chapter chapter, String submission, List<TestResult> results,
                        List<String> notes, String problem, long compileMillis, long runMillis,
                        int jvms, String console, String isolation) {

        public double score() {
            return results.stream().mapToDouble(TestResult::score).sum();
        }

        public double maxScore() {
            return results.stream().mapToDouble(TestResult::maxPoints).sum();
        }

        /** Exercise id to {earned, max}, in the manifest's order, then any others. */
        public Map<String, double[]> byExercise() {
            Map<String, double[]> m = new LinkedHashMap<>();
            chapter.exercises().forEach(e -> m.put(e.id(), new double[2]));
            for (TestResult r : results) {
                double[] s = m.computeIfAbsent(r.exercise().isEmpty() ? "(none)" : r.exercise(),
                        k -> new double[2]);
                s[0] += r.score();
                s[1] += r.maxPoints();
            }
            return m;
        }
    }

    private Grader() {}

    /**
     * Grades in a scratch folder outside the checkout: {@code req.workDir()}, unless that is inside
     * the checkout, when a fresh temporary folder is used and deleted afterwards.
     */
    public static Grade grade(Request req) {
        Path root = req.chapter().root().toAbsolutePath().normalize();
        boolean inside = req.workDir().toAbsolutePath().normalize().startsWith(root);
        Path work;
        try {
            work = inside ? Files.createTempDirectory("gort-" + req.chapter().number() + "-") : req.workDir();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for grading", e);
        }
        try {
            return gradeIn(req, work);
        } finally {
            if (inside) {
                deleteTree(work);
            }
        }
    }

    private static Grade gradeIn(Request req, Path work) {
        Chapter ch = req.chapter();
        List<String> notes = new ArrayList<>();
        long t0 = System.nanoTime();
        Map<Path, String> fallback = fallbackStubs(ch, req.submission() != null || req.sources() != null);
        Map<Path, String> student = req.sources() != null ? new LinkedHashMap<>(req.sources())
                : collect(ch, req.submission(), fallback, notes);
        notes.addAll(GivenCode.changes(fallback, student));
        deleteTree(work);
        List<Path> cp = Classpath.grader(ch.root());
        String isolation = Isolation.level().description();

        // 1. The chapter's main code: the student's files and the grader's copy of the others.
        Map<Path, String> broken = new LinkedHashMap<>();
        String problem = null;
        Path mainOut = work.resolve("classes/main");
        Compiler.Result r = compileMain(ch, student, cp, work, mainOut);
        if (r.crash() != null && !fallback.isEmpty()) {
            // javac itself failed: find the files it fails on, each beside the others' stubs.
            for (Path rel : List.copyOf(student.keySet())) {
                Map<Path, String> alone = new LinkedHashMap<>(fallback);
                alone.put(rel, student.get(rel));
                Compiler.Result one = compileMain(ch, alone, cp, work, mainOut);
                if (one.crash() != null) {
                    broken.put(rel, rel.getFileName() + ": the Java compiler crashed on this file (a"
                            + " bug in javac, not an error of yours): " + one.crash());
                    student.put(rel, fallback.get(rel));
                }
            }
            r = compileMain(ch, student, cp, work, mainOut);
        }
        if (!r.ok()) {
            for (Path rel : student.keySet()) {
                String err = r.errors().get(work.resolve("src").resolve(rel).toAbsolutePath().normalize());
                if (err != null) {
                    broken.put(rel, err);
                }
            }
            if (!fallback.isEmpty()) {
                broken.keySet().forEach(rel -> student.put(rel, fallback.get(rel)));
                r = compileMain(ch, student, cp, work, mainOut);
                if (!r.ok()) {
                    String first = r.all();
                    for (Path rel : student.keySet()) {
                        if (!student.get(rel).equals(fallback.get(rel))) {
                            broken.putIfAbsent(rel, first);
                            student.put(rel, fallback.get(rel));
                        }
                    }
                    r = compileMain(ch, student, cp, work, mainOut);
                }
            }
            if (!r.ok()) {
                problem = (broken.isEmpty() ? "The chapter's own files do not compile (a problem"
                        + " with the grader's copy, not with the submission):\n"
                        : "The submission does not compile:\n") + r.all();
            }
        }

        // 1b. The bytecode check: refused code never runs (see Refusals).
        Refusals refused = null;
        if (problem == null) {
            refused = Refusals.find(ch, student, fallback, mainOut);
            refused.wholeFiles.stream().filter(fallback::containsKey)
                    .forEach(rel -> student.put(rel, fallback.get(rel)));
            if (!refused.wholeFiles.isEmpty()) {
                r = compileMain(ch, student, cp, work, mainOut);
                if (!r.ok()) {
                    problem = "The chapter's stubs do not compile (a grader problem):\n" + r.all();
                }
            }
            refused.methods.forEach((rel, methods) -> BytecodeCheck.classesOf(mainOut, ch.packageName(),
                    rel.getFileName().toString()).forEach(f -> BytecodeCheck.disable(f, methods,
                    "refused by the grader's bytecode check: see the feedback")));
            refused.byExercise.forEach((ex, msg) -> notes.add(msg));
        }

        // 2. The tests, always the grader's copy, against it.
        String testsBroken = null;
        List<Path> roots = new ArrayList<>();
        if (problem == null) {
            String err = compileTests(ch, req.suite(), cp, mainOut, work, roots);
            if (err != null && !fallback.isEmpty()) {
                testsBroken = err;
                student.replaceAll((rel, s) -> fallback.get(rel));
                r = compileMain(ch, student, cp, work, mainOut);
                roots.clear();
                err = r.ok() ? compileTests(ch, req.suite(), cp, mainOut, work, roots) : r.all();
            }
            if (err != null) {
                problem = "The tests do not compile against "
                        + (testsBroken == null ? "the submission" : "the chapter's stubs (a grader problem)")
                        + ":\n" + err;
            }
        }
        long compileMillis = (System.nanoTime() - t0) / 1_000_000;
        String name = req.submission() == null ? "(working copy)" : req.submission().getFileName().toString();
        if (problem != null) {
            return new Grade(ch, name, List.of(), notes, problem, compileMillis, 0, 0, "", isolation);
        }

        // 3. Run.
        // The grader's classpath holds no class of the chapter's package, so order is free.
        List<Path> runCp = new ArrayList<>(cp);
        runCp.add(mainOut);
        runCp.addAll(roots);
        Duration timeout = req.limits().testTimeout() != null ? req.limits().testTimeout() : ch.testTimeout();
        long t1 = System.nanoTime();
        TestRun.Outcome o = new TestRun(new TestRun.Spec(runCp, roots, ch.number(), ch.packageName(),
                timeout, req.limits(), work.resolve("run"), req.filter(), req.properties(),
                ch.root().resolve("solutions"))).run();
        long runMillis = (System.nanoTime() - t1) / 1_000_000;

        // 4. Say why tests failed when the cause is a compile error.
        Map<String, Set<Path>> exerciseFiles = exerciseFiles(ch, fallback.isEmpty() ? student : fallback);
        List<TestResult> results = new ArrayList<>();
        for (TestResult t : o.results()) {
            Path rel = exerciseFiles.getOrDefault(t.exercise(), Set.of()).stream()
                    .filter(broken::containsKey).findFirst().orElse(null);
            if (refused != null && refused.byExercise.containsKey(t.exercise())) {
                results.add(t.with(Status.REFUSED, refused.byExercise.get(t.exercise()), ""));
            } else if (t.passed()) {
                results.add(t);
            } else if (testsBroken != null) {
                results.add(t.with(Status.COMPILE_ERROR, "The tests do not compile against your code,"
                        + " so every exercise was graded on the untouched stubs. Did you change a"
                        + " public signature, or rename or delete something the tests use?",
                        testsBroken));
            } else if (rel != null) {
                results.add(t.with(Status.COMPILE_ERROR, rel.getFileName() + " does not compile, so"
                        + " exercise " + t.exercise() + " was graded on the untouched stub. Fix the"
                        + " errors below (./workbook check " + ch.number() + " shows them too).",
                        broken.get(rel)));
            } else {
                results.add(t);
            }
        }
        broken.forEach((rel, err) -> notes.add(rel.getFileName() + " does not compile; graded its"
                + " untouched stub instead:\n" + err));
        if (testsBroken != null) {
            notes.add("The tests do not compile against the submission; graded the untouched stubs:\n"
                    + testsBroken);
        }
        if (results.isEmpty() && o.problem() == null && req.filter().isEmpty()) {
            return new Grade(ch, name, results, notes, "No tests found for chapter " + ch.id()
                    + " (a grader problem: every chapter has tests).", compileMillis, runMillis,
                    o.jvms(), o.console(), isolation);
        }
        return new Grade(ch, name, results, notes, o.problem(), compileMillis, runMillis, o.jvms(),
                o.console(), isolation);
    }

    // --- sources -----------------------------------------------------------------------------------

    /**
     * The untouched stubs, for files that do not compile: generated from the reference when it is
     * here, else the chapter's committed files (only when grading someone else's copy).
     */
    static Map<Path, String> fallbackStubs(Chapter ch, boolean committedOk) {
        boolean referenceHere = ch.stubSources().stream().allMatch(p -> Files.isRegularFile(ch.root().resolve(p)));
        if (referenceHere) {
            return new StubGenerator(ch).generate(StubGenerator.Edition.STUBS);
        }
        Map<Path, String> m = new LinkedHashMap<>();
        if (committedOk) {
            for (Path rel : ch.studentFiles()) {
                Path f = ch.mainSources().resolve(rel);
                if (Files.isRegularFile(f)) {
                    m.put(rel, read(f));
                }
            }
        }
        return m.size() == ch.studentFiles().size() ? m : Map.of();
    }

    /** The student's files: from a submission folder ({@link Submission}), or the working copy. */
    private static Map<Path, String> collect(Chapter ch, Path dir, Map<Path, String> fallback,
                                             List<String> notes) {
        if (dir != null) {
            return Submission.collect(ch, dir, fallback, notes);
        }
        Map<Path, String> m = new LinkedHashMap<>();
        for (Path rel : ch.studentFiles()) {
            Path f = ch.mainSources().resolve(rel);
            if (Files.isRegularFile(f)) {
                m.put(rel, read(f));
            } else if (fallback.containsKey(rel)) {
                notes.add(rel.getFileName() + " is missing: graded its untouched stub.");
                m.put(rel, fallback.get(rel));
            } else {
                notes.add(rel.getFileName() + " is missing and there is no stub to use instead.");
            }
        }
        return m;
    }

    private static Compiler.Result compileMain(Chapter ch, Map<Path, String> student, List<Path> cp,
                                               Path work, Path out) {
        Set<Path> studentRels = student.keySet();
        List<Path> sources = new ArrayList<>();
        Path src = work.resolve("src");
        deleteTree(src);
        deleteTree(out);
        student.forEach((rel, text) -> {
            Path f = src.resolve(rel);
            write(f, text);
            sources.add(f);
        });
        for (Path f : Compiler.javaFiles(ch.mainSources())) {
            if (!studentRels.contains(ch.mainSources().relativize(f))) {
                sources.add(f);
            }
        }
        return Compiler.compile(sources, cp, out);
    }

    /** Compiles visible (and hidden) tests; adds their output roots; returns the errors or null. */
    private static String compileTests(Chapter ch, Suite suite, List<Path> cp, Path mainOut, Path work,
                                       List<Path> roots) {
        List<Path> testCp = new ArrayList<>();
        testCp.add(mainOut);
        testCp.addAll(cp);
        Path visibleOut = work.resolve("classes/visible");
        deleteTree(visibleOut);
        List<Path> visible = Compiler.javaFiles(ch.visibleTests());
        Compiler.Result v = Compiler.compile(visible, testCp, visibleOut);
        if (!v.ok()) {
            return v.all();
        }
        roots.add(visibleOut);
        if (suite == Suite.ALL) {
            Path hiddenOut = work.resolve("classes/hidden");
            deleteTree(hiddenOut);
            List<Path> hidden = Compiler.javaFiles(ch.hiddenTests());
            if (!hidden.isEmpty()) {
                testCp.add(1, visibleOut);
                Compiler.Result h = Compiler.compile(hidden, testCp, hiddenOut, false);
                if (!h.ok()) {
                    return h.all();
                }
                roots.add(hiddenOut);
            }
        }
        return null;
    }

    /** Exercise id to the student files whose stubs throw its regions' Todos. */
    static Map<String, Set<Path>> exerciseFiles(Chapter ch, Map<Path, String> files) {
        Map<String, Set<Path>> m = new LinkedHashMap<>();
        files.forEach((rel, text) -> {
            Matcher x = TODO_ID.matcher(text);
            while (x.find()) {
                Chapter.ExerciseInfo ex = ch.exerciseOfRegion(x.group(1));
                String id = ex == null ? x.group(1) : ex.id();
                m.computeIfAbsent(id, k -> new java.util.LinkedHashSet<>()).add(rel);
            }
        });
        return m;
    }

    // --- files -----------------------------------------------------------------------------------

    public static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path f, String text) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
