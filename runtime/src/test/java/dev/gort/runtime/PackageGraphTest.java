package dev.gort.runtime;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The runtime's package graph, read from its compiled classes with the JDK's jdeps: which
 * packages import which, and the cycles among them (Tarjan's strongly connected components).
 *
 * <p>The layers of DESIGN.md §2.2a want no cycle at all; today one remains (see the package
 * comment of {@code dev.gort.runtime}). This test pins it: a package that joins the cycle, or a
 * new cycle, fails here with the graph printed; so does removing one, which then only needs the
 * list below updated.
 */
class PackageGraphTest {
    private static final String ROOT = "dev.gort.runtime";

    /** The one cycle left, as package names relative to dev.gort.runtime ("" is the root). */
    private static final Set<String> KNOWN_CYCLE = Set.of("", "lock", "mem", "os", "part", "sched", "trace");

    @Test
    void theOnlyCycleIsTheKnownOne() {
        Map<String, Set<String>> g = graph();
        List<Set<String>> cycles = cycles(g);
        assertThat("package cycles in " + g, cycles, equalTo(List.of(new TreeSet<>(KNOWN_CYCLE))));
    }

    @Test
    void atomicIsALeaf() {
        assertThat(graph().getOrDefault("atomic", Set.of()), empty());
    }

    /** Package -> packages it uses, both relative to dev.gort.runtime, without self edges. */
    static Map<String, Set<String>> graph() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() ->
                new AssertionError("jdeps is not in this JDK: run the tests on a full JDK 25"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package",
                "-filter:none", classes().toString());
        assertThat("jdeps exit code; its output: " + out, rc, equalTo(0));
        Map<String, Set<String>> g = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 3 && w[1].equals("->") && inRuntime(w[0]) && inRuntime(w[2])) {
                String from = rel(w[0]);
                String to = rel(w[2]);
                g.computeIfAbsent(from, k -> new TreeSet<>());
                if (!from.equals(to)) {
                    g.get(from).add(to);
                }
            }
        }
        return g;
    }

    private static Path classes() {
        try {
            return Path.of(Gort.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean inRuntime(String pkg) {
        return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".");
    }

    private static String rel(String pkg) {
        return pkg.equals(ROOT) ? "" : pkg.substring(ROOT.length() + 1);
    }

    /** The strongly connected components with more than one package. */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new java.util.ArrayList<>();
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, g, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                      Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                      List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strongConnect(w, g, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> c = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                c.add(w);
            } while (!w.equals(v));
            if (c.size() > 1) {
                out.add(c);
            }
        }
    }
}
