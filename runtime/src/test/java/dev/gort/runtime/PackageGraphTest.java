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
 * <p>The layers of DESIGN.md §2.2a want no cycle at all. The public API that Go's ported tests
 * compile against fixes where some types live, and that leaves one cycle: {@code G} and {@code M}
 * (the structures every package uses) sit in {@code dev.gort.runtime} beside {@code Gort} and
 * {@code Config} (the facade that uses every package); {@code Sema} and {@code Park} (which park
 * Gs, so belong above the scheduler) sit in {@code lock} beside {@code Mutex} (which the scheduler
 * takes); {@code Config.parts(Parts)} and {@code new Memory(os, checked, Parts)} tie {@code part}
 * to the facade and to {@code mem}. This test pins that cycle edge by edge, each with the reason it
 * cannot go: a new edge inside it, a package that joins it or a new cycle fails here with the graph
 * printed; so does an edge that goes away, which then only needs its line below deleted.
 */
class PackageGraphTest {
    private static final String ROOT = "dev.gort.runtime";

    /** The one cycle left, as package names relative to dev.gort.runtime ("" is the root). */
    private static final Set<String> KNOWN_CYCLE = Set.of("", "gc", "lock", "mem", "part", "sched",
            "stack");

    /** Every edge inside the cycle ("from -> to"), and why the frozen API needs it. */
    private static final Map<String, String> CYCLE_EDGES = Map.ofEntries(
            Map.entry(" -> gc", "Gort.gc is public API (runtime.GC); each runtime has a Heap"),
            Map.entry("gc -> ", "the collector scans Gs, allocates on a P, and dies through Panic"),
            Map.entry("gc -> lock", "mheap, mcentral and the grey queue are guarded by runtime mutexes"),
            Map.entry("gc -> mem", "the heap lives in a runtime's Memory: arenas, fixalloc, views"),
            Map.entry("gc -> part", "the heap calls the parts a runtime chose: barrier, memclr, sweep"),
            Map.entry("gc -> sched", "a cycle stops the world and starts mark workers"),
            Map.entry("gc -> stack", "the collector scans goroutine stacks by their frames' pointer maps"),
            Map.entry("part -> gc", "the collector's parts are made for one runtime's Heap"),
            Map.entry(" -> lock", "M holds its park Note and its HeldLocks; Gort's gopark takes a lock"),
            Map.entry(" -> mem", "Gort.readMemStats returns mem.MemStats; each runtime has a Memory"),
            Map.entry(" -> part", "Config.parts(Parts) is public API; Config wires the reference parts"),
            Map.entry(" -> sched", "Gort's API (go, gosched, GOMAXPROCS, syscall) runs the scheduler"),
            Map.entry("lock -> ", "locks account on the M (m.locks, locksHeld) and park the G"),
            Map.entry("lock -> part", "Mutex, Note, Park and RWMutex call the part a runtime chose"),
            Map.entry("lock -> sched", "lock.Sema and lock.Park (public API) park and ready Gs"),
            Map.entry("mem -> ", "Panic.throw_ is public API in the root; persistentalloc is per P"),
            Map.entry("mem -> lock", "the allocators' global state is guarded by runtime mutexes"),
            Map.entry("mem -> part", "new Memory(os, checked, Parts) is public API"),
            Map.entry("part -> ", "the parts take Go's arguments: G, M, P, WaitReason"),
            Map.entry("part -> lock", "Go's signatures: lock2(l *mutex), notesleep(n *note)"),
            Map.entry("part -> mem", "the memory parts are made for one runtime's Memory"),
            Map.entry("sched -> ", "the scheduler works on G, M and P, and dies through Panic"),
            Map.entry("sched -> lock", "sched.lock and the other runtime mutexes; notes park Ms"),
            Map.entry("sched -> part", "the scheduler calls its parts: runq, gfree, findRunnable, syscall"),
            Map.entry(" -> stack", "Config wires the reference stack parts; Config.maxStackSize's default"),
            Map.entry("sched -> stack", "newproc1 gives a G its stack, goexit0 takes a grown one back;"
                    + " sysmon's preemption request is stackguard0 = stackPreempt"),
            Map.entry("stack -> ", "stacks belong to Gs, the prologue runs on an M, and dies through Panic"),
            Map.entry("stack -> lock", "the stack pool of each order is guarded by a runtime mutex"),
            Map.entry("stack -> mem", "stacks live in a runtime's unmanaged memory (AddressSpace, sysAlloc)"),
            Map.entry("stack -> part", "the reference stack parts implement their interfaces"),
            Map.entry("stack -> sched", "newstack changes the G's status and preempts it (gopreempt_m)"));

    /** The packages below the cycle, and all of the runtime each of them may import. */
    private static final Map<String, Set<String>> LOW = Map.of(
            "atomic", Set.of(),
            "directive", Set.of(),
            "os", Set.of("atomic"),
            "trace", Set.of("atomic"));

    @Test
    void theOnlyCycleIsTheKnownOne() {
        Map<String, Set<String>> g = graph();
        List<Set<String>> cycles = cycles(g);
        assertThat("package cycles in " + g, cycles, equalTo(List.of(new TreeSet<>(KNOWN_CYCLE))));
    }

    @Test
    void theCycleHasOnlyTheEdgesTheApiForces() {
        Map<String, Set<String>> g = graph();
        Set<String> edges = new TreeSet<>();
        g.forEach((from, tos) -> tos.stream().filter(to -> KNOWN_CYCLE.contains(from) && KNOWN_CYCLE.contains(to))
                .forEach(to -> edges.add(from + " -> " + to)));
        assertThat("edges inside the cycle, in " + g, edges, equalTo(new TreeSet<>(CYCLE_EDGES.keySet())));
    }

    @Test
    void theLowPackagesImportNothingAboveThem() {
        Map<String, Set<String>> g = graph();
        LOW.forEach((pkg, allowed) -> {
            Set<String> above = new TreeSet<>(g.getOrDefault(pkg, Set.of()));
            above.removeAll(allowed);
            assertThat(pkg + " imports packages above it, in " + g, above, empty());
        });
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
