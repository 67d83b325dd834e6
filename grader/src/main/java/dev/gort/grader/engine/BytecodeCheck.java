package dev.gort.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The bytecode check: after a submission compiles, every class compiled from the student's files
 * is read (ASM) and each reference it makes (a call, a field access, {@code new}, a cast, a class
 * literal, a superclass, an interface, a lambda's or method reference's target, an
 * invokedynamic bootstrap) is judged by the chapter's {@link AccessPolicy}. Classes compiled from
 * the student's files may always use each other.
 *
 * <p>Each refusal keeps where it was (source file and line) and the method it was in, with lambda
 * bodies and local or anonymous classes counted as part of their enclosing method, so that the
 * grader can zero only the exercise whose method holds it.
 *
 * <p>Reading the bytecode rather than the source makes the check independent of how the reference
 * was spelled: an import, a fully qualified name, a method reference, a nested class.
 */
final class BytecodeCheck {
    /**
     * One refused reference.
     *
     * @param file   the source file's name ({@code RunQueue.java})
     * @param line   its line, or -1 if the class has no line numbers there
     * @param method the student method that holds it ({@code runqput}), or null outside any
     *               method (a field initializer, a static block, a member class)
     * @param target what it referenced ({@code java.lang.reflect.Method#invoke})
     * @param why    the policy's reason ({@code reflection})
     */
    record Refusal(String file, int line, String method, String target, String why) {
        String describe() {
            return file + (line > 0 ? " line " + line : "") + (method == null ? "" : " (in " + method + ")")
                    + " uses " + target + " (" + why + ")";
        }
    }

    private BytecodeCheck() {}

    /**
     * Checks every class under {@code classes} in {@code pkg} whose source file is one of
     * {@code studentFiles} (file names); returns the refusals by source file name.
     */
    static Map<String, List<Refusal>> check(Path classes, String pkg, Set<String> studentFiles,
                                            AccessPolicy policy) {
        List<ClassReader> student = new ArrayList<>();
        Path dir = classes.resolve(pkg.replace('.', '/'));
        for (Path f : classFiles(dir)) {
            ClassReader r = read(f);
            String[] source = {null};
            r.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String s, String debug) {
                    source[0] = s;
                }
            }, ClassReader.SKIP_CODE);
            if (source[0] != null && studentFiles.contains(source[0])) {
                student.add(r);
            }
        }
        Set<String> own = new java.util.HashSet<>();
        student.forEach(r -> own.add(r.getClassName()));
        Map<String, List<Refusal>> out = new LinkedHashMap<>();
        for (ClassReader r : student) {
            r.accept(new Scan(policy, own, out), 0);
        }
        return out;
    }

    /**
     * Rewrites {@code classFile} so that each method in {@code methods} (and its lambda bodies)
     * throws at once, with {@code message}: an exercise whose code was refused never runs, while
     * the other methods of the same class are still graded.
     */
    static void disable(Path classFile, Set<String> methods, String message) {
        ClassReader r = read(classFile);
        var w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        r.accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                MethodVisitor mv = super.visitMethod(access, name, desc, sig, ex);
                if (!methods.contains(exerciseMethod(name)) || (access & Opcodes.ACC_ABSTRACT) != 0) {
                    return mv;
                }
                mv.visitCode();
                mv.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(message);
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                        "(Ljava/lang/String;)V", false);
                mv.visitInsn(Opcodes.ATHROW);
                mv.visitMaxs(0, 0);
                mv.visitEnd();
                return null; // drop the original body
            }
        }, 0);
        try {
            Files.write(classFile, w.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class files under {@code dir} whose source is {@code file} (top level and nested). */
    static List<Path> classesOf(Path classes, String pkg, String file) {
        List<Path> out = new ArrayList<>();
        for (Path f : classFiles(classes.resolve(pkg.replace('.', '/')))) {
            String[] source = {null};
            read(f).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String s, String debug) {
                    source[0] = s;
                }
            }, ClassReader.SKIP_CODE);
            if (file.equals(source[0])) {
                out.add(f);
            }
        }
        return out;
    }

    /** {@code lambda$runqput$0} belongs to {@code runqput}. */
    static String exerciseMethod(String name) {
        if (name.startsWith("lambda$")) {
            int end = name.indexOf('$', 7);
            return end < 0 ? name : name.substring(7, end);
        }
        return name;
    }

    private static List<Path> classFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassReader read(Path f) {
        try {
            return new ClassReader(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one class and records what it may not reference. */
    private static final class Scan extends ClassVisitor {
        private final AccessPolicy policy;
        private final Set<String> own;
        private final Map<String, List<Refusal>> out;
        private String file;
        private String enclosingMethod; // for a local or anonymous class
        private List<String[]> pending;  // its superclass and interfaces

        Scan(AccessPolicy policy, Set<String> own, Map<String, List<Refusal>> out) {
            super(Opcodes.ASM9);
            this.policy = policy;
            this.own = own;
            this.out = out;
        }

        @Override
        public void visit(int version, int access, String name, String sig, String superName, String[] itfs) {
            pending = new ArrayList<>(); // judged once visitSource has named the file
            if (superName != null) {
                pending.add(new String[] {superName, null});
            }
            for (String i : itfs == null ? new String[0] : itfs) {
                pending.add(new String[] {i, null});
            }
        }

        @Override
        public void visitSource(String source, String debug) {
            file = source;
        }

        @Override
        public void visitOuterClass(String owner, String name, String desc) {
            enclosingMethod = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
            flushPending();
            String method = enclosingMethod != null ? enclosingMethod : name.startsWith("<") ? null
                    : exerciseMethod(name);
            return new MethodVisitor(Opcodes.ASM9) {
                int line = -1;

                @Override
                public void visitLineNumber(int l, Label start) {
                    line = l;
                }

                @Override
                public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                    judge(owner, n, line, method);
                }

                @Override
                public void visitFieldInsn(int op, String owner, String n, String d) {
                    judge(owner, n, line, method);
                }

                @Override
                public void visitTypeInsn(int op, String type) {
                    judge(type, null, line, method);
                }

                @Override
                public void visitMultiANewArrayInsn(String d, int dims) {
                    judge(d, null, line, method);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value, line, method);
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    constant(bsm, line, method);
                    for (Object a : args) {
                        constant(a, line, method);
                    }
                }
            };
        }

        @Override
        public void visitEnd() {
            flushPending();
        }

        private void flushPending() {
            if (pending != null) {
                pending.forEach(p -> judge(p[0], p[1], -1, null));
                pending = null;
            }
        }

        private void constant(Object value, int line, String method) {
            if (value instanceof Type t) {
                judge(t.getSort() == Type.METHOD ? t.getReturnType().getInternalName() : t.getInternalName(),
                        null, line, method);
            } else if (value instanceof Handle h) {
                judge(h.getOwner(), h.getName(), line, method);
            }
        }

        private void judge(String internalName, String member, int line, String method) {
            String name = internalName;
            if (name.startsWith("[")) {
                Type t = Type.getType(name).getElementType();
                if (t.getSort() != Type.OBJECT) {
                    return;
                }
                name = t.getInternalName();
            }
            if (own.contains(name) || name.length() <= 1) {
                return;
            }
            String cls = name.replace('/', '.');
            String why = policy.refuse(cls, member == null || member.startsWith("<") ? null : member);
            if (why != null) {
                String target = member == null || member.startsWith("<") ? cls : cls + "#" + member;
                List<Refusal> list = out.computeIfAbsent(file, k -> new ArrayList<>());
                if (list.stream().noneMatch(r -> r.line() == line && r.target().equals(target))) {
                    list.add(new Refusal(file, line, method, target, why));
                }
            }
        }
    }
}
