package dev.gort.grader.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;

/**
 * What the bytecode check refused in one compiled submission, by exercise: the decision that keeps
 * the reference (and the JVM's dangerous corners) out of reach while the rest of a submission is
 * still graded.
 *
 * <p>A refusal inside an exercise's method (its lambdas and local classes included) costs that
 * exercise; one anywhere else in a file (a field initializer, a constructor, a helper method, a
 * member class) costs every exercise of that file, since any of them may run it. An exercise that
 * is refused scores 0: its methods are rewritten to throw before the tests run, so the refused code
 * never executes, and when every exercise of a file is refused the whole file is replaced by its
 * untouched stub.
 */
final class Refusals {
    private static final Pattern TODO_ID = Pattern.compile("new\\s+\\w*Todo\\(\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile(
            "(\\w+)\\s*\\([^();{}]*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\{");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch",
            "synchronized", "try", "return", "new");

    /** What hands out reference parts: a Parts, a Config (which carries one), a booted runtime. */
    static final List<String> RUNTIME_FACTORIES = List.of("dev.gort.runtime.part.Parts",
            "dev.gort.runtime.Config", "dev.gort.runtime.Gort#boot", "dev.gort.runtime.Gort#parts");

    /** Exercise id to the message its tests get. */
    final Map<String, String> byExercise = new LinkedHashMap<>();
    /** Student files (relative paths) to grade as their stubs. */
    final Set<Path> wholeFiles = new LinkedHashSet<>();
    /** Student files to the methods to disable in their classes. */
    final Map<Path, Set<String>> methods = new LinkedHashMap<>();

    private Refusals() {}

    /** Judges the classes under {@code classes} compiled from {@code student}'s files. */
    static Refusals find(Chapter ch, Map<Path, String> student, Map<Path, String> stubs, Path classes) {
        var policy = new AccessPolicy(allowed(ch), denied(ch));
        Map<String, Path> byName = new LinkedHashMap<>();
        student.keySet().forEach(rel -> byName.put(rel.getFileName().toString(), rel));
        var found = BytecodeCheck.check(classes, ch.packageName(), byName.keySet(), policy);
        var out = new Refusals();
        found.forEach((file, list) -> out.judge(ch, byName.get(file), list,
                methodExercises(ch, stubs.getOrDefault(byName.get(file), ""))));
        return out;
    }

    /** The chapter's allow-list, and its Todo (which every stub throws). */
    static List<String> allowed(Chapter ch) {
        List<String> allow = new ArrayList<>(ch.checkAllow());
        allow.add(ch.todoClass());
        return allow;
    }

    /**
     * The chapter's exceptions, plus what is never a student's to call: the reference class of
     * every chapter's parts (each stub's source) and the runtime's factories that hand them out.
     */
    static List<String> denied(Chapter ch) {
        List<String> deny = new ArrayList<>(ch.checkDeny());
        deny.addAll(RUNTIME_FACTORIES);
        for (Chapter c : new Chapters(ch.root()).all()) {
            for (Path src : c.stubSources()) {
                String s = src.toString().replace('\\', '/');
                int at = s.indexOf("src/main/java/");
                if (at >= 0 && s.endsWith(".java")) {
                    deny.add(s.substring(at + 14, s.length() - 5).replace('/', '.'));
                }
            }
        }
        return deny;
    }

    boolean isEmpty() {
        return byExercise.isEmpty();
    }

    private void judge(Chapter ch, Path rel, List<BytecodeCheck.Refusal> list, Map<String, String> exercises) {
        Set<String> ofFile = new LinkedHashSet<>(exercises.values());
        Map<String, List<BytecodeCheck.Refusal>> perExercise = new LinkedHashMap<>();
        boolean whole = false;
        for (BytecodeCheck.Refusal r : list) {
            String ex = r.method() == null ? null : exercises.get(r.method());
            if (ex == null) {
                whole = true;
                ofFile.forEach(e -> perExercise.computeIfAbsent(e, k -> new ArrayList<>()).add(r));
            } else {
                perExercise.computeIfAbsent(ex, k -> new ArrayList<>()).add(r);
            }
        }
        if (whole || perExercise.keySet().containsAll(ofFile)) {
            wholeFiles.add(rel);
        } else {
            Set<String> disable = new LinkedHashSet<>();
            exercises.forEach((m, e) -> {
                if (perExercise.containsKey(e)) {
                    disable.add(m);
                }
            });
            methods.put(rel, disable);
        }
        perExercise.forEach((ex, rs) -> byExercise.put(ex, message(ch, ex, rs)));
    }

    private static String message(Chapter ch, String ex, List<BytecodeCheck.Refusal> rs) {
        String where = rs.stream().limit(5).map(r -> "- " + r.describe()).collect(Collectors.joining("\n"));
        return "exercise " + ex + " scores 0 because its code reaches outside what chapter "
                + ch.number() + " allows (the reference parts, reflection, threads, processes, files,"
                + " the network, exiting the JVM). The rest of the submission was graded.\n" + where
                + (rs.size() > 5 ? "\n- ... and " + (rs.size() - 5) + " more" : "");
    }

    /** Method name to exercise id, from a stub: each method whose body throws a region's Todo. */
    static Map<String, String> methodExercises(Chapter ch, String stub) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher todo = TODO_ID.matcher(stub);
        while (todo.find()) {
            Matcher decl = METHOD.matcher(stub.substring(0, todo.start()));
            String name = null;
            while (decl.find()) {
                if (!KEYWORDS.contains(decl.group(1))) {
                    name = decl.group(1);
                }
            }
            Chapter.ExerciseInfo ex = ch.exerciseOfRegion(todo.group(1));
            if (name != null) {
                m.put(name, ex == null ? todo.group(1) : ex.id());
            }
        }
        return m;
    }
}
