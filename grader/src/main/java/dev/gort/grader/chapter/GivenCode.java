package dev.gort.grader.chapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;

/**
 * Checks that a student's file keeps the code it was given: every method of the stub that is not
 * an exercise (its body has no {@code Todo}) must be in the student's file unchanged (comments and
 * layout aside), e.g. {@code exitsyscallfast} beside the {@code exitsyscall} exercise. A student may
 * add methods; changing or removing given ones would grade a different runtime than the book's.
 */
public final class GivenCode {
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private GivenCode() {}

    /**
     * What the student changed of the given code in {@code student} (file name to text), compared
     * with the untouched {@code stubs}: one sentence per method, or an empty list.
     */
    public static List<String> changes(Map<Path, String> stubs, Map<Path, String> student) {
        List<String> out = new ArrayList<>();
        stubs.forEach((rel, stub) -> {
            String mine = student.get(rel);
            if (mine == null || mine.equals(stub)) {
                return;
            }
            Map<String, String> given = methods(rel, stub);
            Map<String, String> theirs = methods(rel, mine);
            if (theirs == null) {
                return; // does not parse: the compiler says why
            }
            given.forEach((signature, body) -> {
                if (body.contains("newTodo(")) {
                    return;
                }
                String t = theirs.get(signature);
                if (t == null) {
                    out.add(rel.getFileName() + ": " + signature + " is given code (not part of an exercise)"
                            + " and is missing: put it back as the stub has it.");
                } else if (!t.equals(body)) {
                    out.add(rel.getFileName() + ": " + signature + " is given code (not part of an exercise)"
                            + " and was changed: the grader grades the book's version of it, so restore it"
                            + " as the stub has it (its header names the runtime source it comes from).");
                }
            });
        });
        return out;
    }

    /** Method signature ({@code Class.name(T1, T2)}) to its normalized text, or null if unparsable. */
    private static Map<String, String> methods(Path rel, String text) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + rel.toString().replace('\\', '/')),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
        Iterable<? extends CompilationUnitTree> units;
        try {
            units = task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return null;
        }
        SourcePositions pos = Trees.instance(task).getSourcePositions();
        Map<String, String> out = new LinkedHashMap<>();
        for (CompilationUnitTree unit : units) {
            for (Tree t : unit.getTypeDecls()) {
                if (t instanceof ClassTree c) {
                    collect(unit, c, c.getSimpleName().toString(), pos, text, out);
                }
            }
        }
        return out;
    }

    private static void collect(CompilationUnitTree unit, ClassTree c, String owner, SourcePositions pos,
                                String text, Map<String, String> out) {
        for (Tree member : c.getMembers()) {
            if (member instanceof MethodTree m && m.getBody() != null) {
                String signature = owner + "." + m.getName() + "(" + String.join(", ",
                        m.getParameters().stream().map(p -> p.getType().toString()).toList()) + ")";
                int start = (int) pos.getStartPosition(unit, m);
                int end = (int) pos.getEndPosition(unit, m);
                if (start >= 0 && end > start) {
                    out.put(signature, normalize(text.substring(start, end)));
                }
            } else if (member instanceof ClassTree inner) {
                collect(unit, inner, owner + "." + inner.getSimpleName(), pos, text, out);
            }
        }
    }

    private static String normalize(String code) {
        return SPACE.matcher(COMMENTS.matcher(code).replaceAll(" ")).replaceAll("");
    }
}
