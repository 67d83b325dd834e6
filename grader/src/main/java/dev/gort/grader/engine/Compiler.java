package dev.gort.grader.engine;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** javac, in-process: compiles a set of source files and reports errors per file, readably. */
final class Compiler {
    private static final int MAX_ERRORS_PER_FILE = 5;

    /**
     * Errors by source file (absolute path), each error as "Line N: message\n  code"; or, when
     * javac itself failed (a compiler bug), {@code crash} says how.
     */
    record Result(boolean ok, Map<Path, String> errors, String crash) {
        String all() {
            return crash != null ? "the Java compiler crashed: " + crash
                    : errors.values().stream().collect(Collectors.joining("\n"));
        }
    }

    private Compiler() {}

    static Result compile(List<Path> sources, List<Path> classpath, Path out) {
        return compile(sources, classpath, out, true);
    }

    /**
     * Compiles; with {@code quote} false the errors never quote a source line (for the hidden
     * suites, whose source must not reach feedback).
     */
    static Result compile(List<Path> sources, List<Path> classpath, Path out, boolean quote) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": the grader needs a JDK, not a JRE");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", out.toString(), "-proc:none", "-g",
                    "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-implicit:none",
                    "-cp", String.join(java.io.File.pathSeparator,
                            classpath.stream().map(Path::toString).toList()));
            var units = fm.getJavaFileObjectsFromPaths(sources);
            var task = javac.getTask(new StringWriter(), fm, diagnostics, options, null, units);
            boolean ok;
            try {
                ok = task.call();
            } catch (RuntimeException | AssertionError | StackOverflowError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return new Result(false, Map.of(), cause.toString());
            }
            Map<Path, List<String>> byFile = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                Path file = d.getSource() == null ? Path.of("(unknown)") : Path.of(d.getSource().toUri());
                byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(format(d, quote));
            }
            Map<Path, String> errors = new LinkedHashMap<>();
            byFile.forEach((file, list) -> {
                StringBuilder b = new StringBuilder();
                b.append(file.getFileName()).append(": ").append(list.size())
                        .append(list.size() == 1 ? " error" : " errors").append('\n');
                list.stream().limit(MAX_ERRORS_PER_FILE).forEach(e -> b.append(e).append('\n'));
                if (list.size() > MAX_ERRORS_PER_FILE) {
                    b.append("  ... and ").append(list.size() - MAX_ERRORS_PER_FILE).append(" more\n");
                }
                errors.put(file.toAbsolutePath().normalize(), b.toString().stripTrailing());
            });
            return new Result(ok, errors, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Diagnostic<? extends JavaFileObject> d, boolean quote) {
        String msg = d.getMessage(Locale.ROOT);
        String line = "";
        if (quote && d.getSource() != null && d.getLineNumber() > 0) {
            try {
                CharSequence text = d.getSource().getCharContent(true);
                String[] lines = text.toString().split("\n", -1);
                line = "\n    " + lines[(int) d.getLineNumber() - 1].strip();
            } catch (IOException | IndexOutOfBoundsException e) {
                // no source line, then
            }
        }
        return "  line " + d.getLineNumber() + ": " + msg.lines().findFirst().orElse(msg) + line;
    }

    /** Every .java file under {@code dir} (none if it does not exist). */
    static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
