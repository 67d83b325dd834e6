package dev.gort.grader.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What a student's compiled classes may reference: an allow-list with exceptions, the grader's own
 * rules for the JDK plus each chapter's rules from its manifest ({@code check.allow},
 * {@code check.deny} in chapter.properties).
 *
 * <p>A rule is a pattern and a verdict. Patterns, from the least to the most specific:
 * <ul>
 * <li>{@code java.util.**}: every class of the package and of its sub-packages;</li>
 * <li>{@code java.lang.*}: every class of the package (nested classes included);</li>
 * <li>{@code java.lang.Thread}: the class and its nested classes;</li>
 * <li>{@code java.lang.System#exit}: one member (method or field, every overload).</li>
 * </ul>
 * The most specific matching rule decides; at equal specificity a chapter's rule beats the
 * grader's, and a deny beats an allow. A reference no rule matches is refused: the list is an
 * allow-list. Arrays are judged by their element type; primitives are always allowed.
 */
final class AccessPolicy {
    /** A refusal's reason, by the first matching prefix; the rest is "not on the allow-list". */
    private static final String[][] REASONS = {
        {"java.lang.reflect.", "reflection"},
        {"java.lang.Class", "reflection"},
        {"java.lang.invoke.", "method handles"},
        {"java.lang.ClassLoader", "class loaders"},
        {"java.lang.Module", "modules"},
        {"java.lang.StackWalker", "reflection"},
        {"sun.misc.", "Unsafe"},
        {"jdk.internal.", "JDK internals (Unsafe)"},
        {"java.lang.Process", "processes"},
        {"java.lang.Runtime", "processes and exiting the JVM"},
        {"java.lang.System#exit", "exiting the JVM"},
        {"java.lang.System#set", "changing the JVM's settings"},
        {"java.lang.System#clearProperty", "changing the JVM's settings"},
        {"java.lang.System#load", "native code"},
        {"java.lang.System#getenv", "the environment"},
        {"java.lang.Thread", "creating or steering threads"},
        {"java.util.concurrent.", "creating threads"},
        {"java.util.Timer", "creating threads"},
        {"java.io.", "files"},
        {"java.nio.", "files"},
        {"java.net.", "the network"},
        {"javax.net.", "the network"},
        {"java.util.ServiceLoader", "class loaders"},
        {"java.util.zip.", "files"},
        {"java.util.jar.", "files"},
    };

    /** The grader's rules, before any chapter's. */
    static final List<String> BASE_ALLOW = List.of(
            "java.lang.*", "java.util.**", "java.io.PrintStream", "java.io.Serializable",
            "java.io.IOException", "java.io.UncheckedIOException",
            // what javac itself emits: string concatenation, lambdas, records, pattern switches
            "java.lang.invoke.StringConcatFactory", "java.lang.invoke.LambdaMetafactory",
            "java.lang.runtime.ObjectMethods", "java.lang.runtime.SwitchBootstraps",
            "java.lang.Class#getName", "java.lang.Class#getSimpleName", "java.lang.Class#desiredAssertionStatus",
            "java.lang.Thread#onSpinWait");
    static final List<String> BASE_DENY = List.of(
            "java.lang.reflect.**", "java.lang.invoke.**", "java.lang.Class", "java.lang.ClassLoader",
            "java.lang.Module", "java.lang.ModuleLayer", "java.lang.StackWalker", "java.lang.Runtime",
            "java.lang.Process", "java.lang.ProcessBuilder", "java.lang.ProcessHandle",
            "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.InheritableThreadLocal",
            "java.lang.System#exit", "java.lang.System#setProperty", "java.lang.System#setProperties",
            "java.lang.System#clearProperty", "java.lang.System#setIn", "java.lang.System#setOut",
            "java.lang.System#setErr", "java.lang.System#load", "java.lang.System#loadLibrary",
            "java.lang.System#getenv", "java.lang.System#console", "java.lang.System#inheritedChannel",
            "java.lang.System#getLogger", "java.lang.SecurityManager",
            "java.util.ServiceLoader", "java.util.Timer", "java.util.zip.**", "java.util.jar.**",
            "java.util.prefs.**", "java.util.logging.**", "java.util.spi.**",
            "java.util.concurrent.Executors", "java.util.concurrent.ForkJoinPool",
            "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ScheduledThreadPoolExecutor",
            "java.util.concurrent.CompletableFuture", "java.util.concurrent.ThreadFactory");

    private record Rule(String pattern, boolean allow, boolean chapter, int specificity) {}

    private final List<Rule> rules = new ArrayList<>();

    /** The grader's rules plus a chapter's (patterns as in the class comment). */
    AccessPolicy(List<String> chapterAllow, List<String> chapterDeny) {
        BASE_ALLOW.forEach(p -> add(p, true, false));
        BASE_DENY.forEach(p -> add(p, false, false));
        chapterAllow.forEach(p -> add(p, true, true));
        chapterDeny.forEach(p -> add(p, false, true));
    }

    private void add(String pattern, boolean allow, boolean chapter) {
        String p = pattern.strip();
        int s = p.endsWith(".**") ? p.length() : p.endsWith(".*") ? 1000 + p.length()
                : p.contains("#") ? 3000 + p.length() : 2000 + p.length();
        rules.add(new Rule(p, allow, chapter, s));
    }

    /**
     * Null if {@code className} (a binary name, {@code a.b.C$D}) and {@code member} (or null for
     * the class itself) may be used; else why not, in a few words.
     */
    String refuse(String className, String member) {
        Rule best = null;
        for (Rule r : rules) {
            if (matches(r.pattern(), className, member) && (best == null || beats(r, best))) {
                best = r;
            }
        }
        if (best != null && best.allow()) {
            return null;
        }
        String ref = className + (member == null ? "" : "#" + member);
        if (best != null && best.chapter()) {
            return "reserved by this chapter: a reference part, or something that hands one out";
        }
        for (String[] r : REASONS) {
            if (ref.startsWith(r[0])) {
                return r[1];
            }
        }
        return "not on this chapter's allow-list";
    }

    private static boolean beats(Rule r, Rule best) {
        if (r.specificity() != best.specificity()) {
            return r.specificity() > best.specificity();
        }
        if (r.chapter() != best.chapter()) {
            return r.chapter();
        }
        return !r.allow() && best.allow();
    }

    private static boolean matches(String pattern, String cls, String member) {
        if (pattern.endsWith(".**")) {
            return cls.startsWith(pattern.substring(0, pattern.length() - 2));
        }
        if (pattern.endsWith(".*")) {
            String pkg = pattern.substring(0, pattern.length() - 1);
            return cls.startsWith(pkg) && cls.indexOf('.', pkg.length()) < 0;
        }
        int hash = pattern.indexOf('#');
        if (hash >= 0) {
            return member != null && pattern.substring(hash + 1).equals(member)
                    && pattern.substring(0, hash).equals(cls);
        }
        return cls.equals(pattern) || cls.startsWith(pattern + "$");
    }
}
