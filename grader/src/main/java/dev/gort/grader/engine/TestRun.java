package dev.gort.grader.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs compiled tests in forked JVMs until every test has a result, within a wall-clock budget.
 *
 * <p>One JVM runs the tests in order ({@link TestRunner}) and reports each as it goes. When a test
 * takes its JVM down — a timeout (the runner's watchdog), System.exit, running out of memory, a
 * crash — that test gets a message saying which, and a fresh JVM runs the tests not yet reached. So
 * one bad test costs its own points and a JVM start, never the rest of the submission. When the
 * budget runs out, the tests not reached are reported as not run, with the reason.
 *
 * <p>A grader-side watchdog backs up the runner's own: a JVM whose test is past its limit plus a
 * grace period, or that outlives the budget, is killed, and so is every process it started. Results
 * arrive only on the signed {@link Channel}; each JVM runs wrapped by {@link Isolation}.
 */
public final class TestRun {
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final int CONSOLE_KEEP = 16 * 1024;
    private static final String PROTOCOL = "protocol: ";
    /** Every test JVM running now, in this grader: what a stopped batch kills. */
    private static final Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** What to run. */
    public record Spec(
            List<Path> classpath,        // the compiled student code first, then the grader's own
            List<Path> roots,            // test class roots: [visible, hidden?]
            String chapterNumber,
            String studentPackage,
            Duration testTimeout,
            Limits limits,
            Path workDir,                // the JVM's writable run folder, inside its scratch folder
            String filter,               // "", a Class#method (replay) or exercise:ID
            Map<String, String> systemProperties,
            Path hide) {}                // a folder the JVM must not see (the hidden suites), or null

    /** What happened. */
    public record Outcome(List<TestResult> results, String console, int jvms, String problem) {}

    private record Planned(String uid, String className, String method, String display,
                           String exercise, double points, boolean visible) {}

    private final Spec spec;
    private final Map<String, Planned> plan = new LinkedHashMap<>();
    private final Map<String, TestResult> done = new LinkedHashMap<>();
    private final StringBuilder console = new StringBuilder();

    public TestRun(Spec spec) {
        this.spec = spec;
    }

    public Outcome run() {
        long deadline = System.nanoTime() + spec.limits().wallClock().toNanos();
        int jvms = 0;
        String problem = null;
        List<String> toRun = List.of();
        for (;;) {
            jvms++;
            Fork f = fork(jvms, toRun, deadline);
            if (f.done) {
                break;
            }
            if (plan.isEmpty()) {
                problem = "the test JVM could not start or find any tests (exit status " + f.exit
                        + "). Its output:\n" + tail(f.console, 3000);
                break;
            }
            if (f.current != null) {
                done.put(f.current, crashed(plan.get(f.current), f));
            } else if (f.ended == 0) {
                // Died between tests (a background thread called System.exit, ...): no progress.
                String why = f.killed != null && f.killed.startsWith(PROTOCOL)
                        ? "the grader stopped the test JVM between tests: " + f.killed.substring(PROTOCOL.length())
                        : f.exitEvent ? "something called System.exit(" + f.exit + ") between tests"
                        : "the test JVM died between tests (exit status " + f.exit + ")";
                for (String uid : remaining()) {
                    done.put(uid, result(plan.get(uid), Status.CRASHED, "not run: " + why + ".",
                            tail(f.console, 2000), "", 0));
                }
                break;
            }
            toRun = remaining();
            if (toRun.isEmpty()) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                for (String uid : toRun) {
                    done.put(uid, result(plan.get(uid), Status.NOT_RUN, String.format(Locale.ROOT,
                            "not run: the submission's time budget (%d s) ran out before this test"
                                    + " (see the tests that timed out above).",
                            spec.limits().wallClock().toSeconds()), "", "", 0));
                }
                break;
            }
        }
        List<TestResult> results = new ArrayList<>();
        for (Planned p : plan.values()) {
            TestResult r = done.get(p.uid());
            if (r != null) {
                results.add(r);
            } else if (spec.filter().isEmpty()) {
                results.add(result(p, Status.NOT_RUN, "not run: its JVM stopped before reaching it.",
                        "", "", 0));
            }
        }
        return new Outcome(results, console.toString(), jvms, problem);
    }

    private List<String> remaining() {
        return plan.values().stream().filter(p -> !done.containsKey(p.uid())).filter(this::selected)
                .map(Planned::uid).toList();
    }

    /** Whether the spec's filter selects {@code p} (as the runner's filter does). */
    private boolean selected(Planned p) {
        String f = spec.filter();
        String simple = p.className().substring(p.className().lastIndexOf('.') + 1);
        return f.isEmpty() || f.equals(simple + "#" + p.method()) || f.equals(p.className() + "#" + p.method())
                || f.equals(p.method()) || f.equals(simple)
                || f.equals(TestRunner.EXERCISE_FILTER + p.exercise());
    }

    // --- one JVM ---------------------------------------------------------------------------------

    /** The state of one forked JVM, as read from its events. */
    private static final class Fork {
        boolean done;
        long doneAt;
        boolean exitEvent;
        String current;             // started, not ended
        long currentStart;
        int ended;
        String timeoutStack;        // from a TIMEOUT event
        String killed;              // why the grader killed it, or null
        int exit;
        String console = "";
        Path errorFile;             // where the JVM writes its report if it crashes
    }

    private Fork fork(int n, List<String> uids, long deadline) {
        Fork f = new Fork();
        Path props = spec.workDir().resolve("run-" + n + ".properties");
        try {
            Files.createDirectories(spec.workDir());
            writeProps(props, uids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED");
        cmd.add("--enable-native-access=ALL-UNNAMED"); // the runtime's memory (FFM): no warning per run
        cmd.add("-Xmx" + spec.limits().heapMb() + "m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-ea"); // as under Surefire: assertions on, and with them the runtime's checked locks
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:-CreateCoredumpOnCrash");          // a SIGSEGV is reported, not dumped
        f.errorFile = spec.workDir().toAbsolutePath().resolve("hs_err-" + n + ".log");
        cmd.add("-XX:ErrorFile=" + f.errorFile);       // read back as Go's fault report (FaultReport)
        cmd.add("-XX:-UsePerfData");
        cmd.add("-XX:TieredStopAtLevel=1"); // tests are short: start fast rather than peak
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dgort.chapter=" + spec.chapterNumber());
        spec.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator,
                spec.classpath().stream().map(Path::toString).toList()));
        cmd.add(TestRunner.class.getName());
        cmd.add(props.toString());

        byte[] key = Channel.secret();
        Process proc;
        try {
            proc = new ProcessBuilder(Isolation.wrap(cmd, spec.classpath(),
                            spec.workDir().getParent(), spec.workDir(), spec.hide()))
                    .directory(spec.workDir().toFile()).start();
            LIVE.add(proc);
            try (var in = proc.getOutputStream()) {
                in.write((Channel.hex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test JVM: " + cmd.getFirst(), e);
        }
        var out = new ByteArrayOutputStream();
        var items = new LinkedBlockingQueue<Channel.Item>();
        Thread drain = Thread.ofPlatform().daemon().start(() -> drain(proc.getErrorStream(), out));
        Thread reader = Thread.ofPlatform().daemon().start(() -> read(new Channel.Reader(proc.getInputStream(), key),
                items, out));
        Set<ProcessHandle> tree = new HashSet<>();
        long timeoutNanos = spec.testTimeout().toNanos();
        try {
            for (;;) {
                boolean exited = proc.waitFor(50, TimeUnit.MILLISECONDS);
                proc.descendants().forEach(tree::add);
                if (exited) {
                    reader.join(2000);
                }
                for (Channel.Item it; (it = items.poll()) != null; ) {
                    handle(f, it);
                }
                if (exited) {
                    break;
                }
                long now = System.nanoTime();
                if (f.done && f.doneAt == 0) {
                    f.doneAt = now;
                } else if (f.done && now - f.doneAt > GRACE.toNanos() / 5) {
                    proc.destroyForcibly(); // finished, but a shutdown hook hangs: results are in
                    proc.waitFor();
                    break;
                }
                if (f.killed == null && now >= deadline) {
                    f.killed = "budget";
                } else if (f.killed == null && f.current != null
                        && now - f.currentStart > timeoutNanos + GRACE.toNanos()) {
                    f.killed = "hung";
                }
                if (f.killed != null) {
                    proc.destroyForcibly();
                    proc.waitFor();
                    reader.join(2000);
                    for (Channel.Item it; (it = items.poll()) != null; ) {
                        handle(f, it);
                    }
                    break;
                }
            }
            drain.join(2000);
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        } finally {
            // The whole process tree goes with its run: whatever the tests started, and whatever
            // they started in turn, as far as the grader saw it (bubblewrap's PID namespace
            // catches the rest).
            proc.descendants().forEach(tree::add);
            tree.forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly();
            LIVE.remove(proc);
        }
        f.exit = proc.exitValue();
        synchronized (out) {
            f.console = out.toString(StandardCharsets.UTF_8);
        }
        if (!f.console.isBlank() && console.length() < CONSOLE_KEEP) {
            console.append(f.console, 0, Math.min(f.console.length(), CONSOLE_KEEP - console.length()));
        }
        return f;
    }

    /** Kills every test JVM of this grader and what they started (Ctrl-C on a batch). */
    public static void killAll() {
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Moves what the channel brings into {@code items}; console text goes to {@code out}. */
    private static void read(Channel.Reader r, BlockingQueue<Channel.Item> items, ByteArrayOutputStream out) {
        try {
            for (Channel.Item it; (it = r.next()) != null; ) {
                if (it instanceof Channel.Noise noise) {
                    byte[] b = (noise.text() + "\n").getBytes(StandardCharsets.UTF_8);
                    keep(out, b, b.length);
                } else {
                    items.add(it);
                    if (it instanceof Channel.Broken) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void writeProps(Path props, List<String> uids) throws IOException {
        var p = new Properties();
        p.setProperty("roots", String.join(java.io.File.pathSeparator,
                spec.roots().stream().map(Path::toString).toList()));
        p.setProperty("package", spec.studentPackage());
        p.setProperty("timeoutMillis", Long.toString(spec.testTimeout().toMillis()));
        p.setProperty("outputLimit", Long.toString(spec.limits().outputLimit()));
        p.setProperty("outputKeep", Integer.toString(spec.limits().outputKeep()));
        p.setProperty("uids", String.join("\n", uids));
        p.setProperty("filter", spec.filter());
        try (Writer w = Files.newBufferedWriter(props)) {
            p.store(w, "gort test run");
        }
    }

    private void handle(Fork f, Channel.Item item) {
        if (item instanceof Channel.Broken b) {
            f.killed = PROTOCOL + b.why();
            return;
        }
        List<String> ev = ((Channel.Event) item).fields();
        switch (ev.getFirst()) {
            case "PLAN" -> {
                int root = Integer.parseInt(ev.get(7));
                plan.putIfAbsent(ev.get(1), new Planned(ev.get(1), ev.get(2), ev.get(3), ev.get(4),
                        ev.get(5), Double.parseDouble(ev.get(6)), root == 0));
            }
            case "START" -> {
                f.current = ev.get(1);
                f.currentStart = System.nanoTime();
            }
            case "END" -> {
                Planned p = plan.get(ev.get(1));
                if (p != null) {
                    done.put(p.uid(), result(p, Status.valueOf(ev.get(2)), ev.get(4), ev.get(5),
                            ev.get(6), Long.parseLong(ev.get(3))));
                }
                f.current = null;
                f.ended++;
            }
            case "TIMEOUT" -> f.timeoutStack = ev.get(3);
            case "EXIT" -> f.exitEvent = true;
            case "DONE" -> f.done = true;
            default -> { }
        }
    }

    /** The result of the test that was running when its JVM went down. */
    private TestResult crashed(Planned p, Fork f) {
        long limit = spec.testTimeout().toSeconds();
        long millis = (System.nanoTime() - f.currentStart) / 1_000_000;
        if (f.timeoutStack != null) {
            String at = TestRunner.studentFrame(f.timeoutStack, spec.studentPackage());
            return result(p, Status.TIMEOUT, String.format(Locale.ROOT,
                    "did not finish within %s: an infinite loop, or a deadlock (a G or M waiting for"
                            + " something that never happens)?%s", seconds(spec.testTimeout()),
                    at == null ? "" : " It was at " + at + "."), f.timeoutStack, "", millis);
        }
        if (f.killed != null && f.killed.startsWith(PROTOCOL)) {
            return result(p, Status.CRASHED, "the grader stopped the test JVM while this test ran: "
                    + f.killed.substring(PROTOCOL.length()) + ", and only the runner's signed events"
                    + " may travel on the results channel. The tests after this one ran in a fresh"
                    + " JVM.", tail(f.console, 2000), "", millis);
        }
        if ("budget".equals(f.killed)) {
            return result(p, Status.TIMEOUT, String.format(Locale.ROOT, "stopped: the submission's"
                    + " time budget (%d s) ran out while this test was running.",
                    spec.limits().wallClock().toSeconds()), "", "", millis);
        }
        if ("hung".equals(f.killed)) {
            return result(p, Status.TIMEOUT, String.format(Locale.ROOT, "did not finish within %d s and"
                    + " its JVM stopped responding (memory thrashing?); the grader killed it.", limit),
                    tail(f.console, 2000), "", millis);
        }
        if (f.console.contains("SIGSEGV") && f.console.contains("fatal error has been detected")) {
            String test = p.className().substring(p.className().lastIndexOf('.') + 1) + "#" + p.method();
            FaultReport fault = FaultReport.read(f.errorFile);
            return result(p, Status.CRASHED, "the test JVM crashed with SIGSEGV"
                    + (fault == null ? "" : String.format(Locale.ROOT, " at address 0x%x (%s)",
                            fault.addr(), fault.meaning()))
                    + ": your code touched memory"
                    + " that is not mapped, or not in a state that may be touched (a page unmapped or"
                    + " protected while the runtime's region table still called it Ready?). On the"
                    + " simulated OS memory is checked and a stray access is reported with its address"
                    + " instead of killing the JVM: replay it there with ./workbook replay "
                    + spec.chapterNumber() + " --seed 1 " + test + ". The tests after this one ran in a"
                    + " fresh JVM.", fault == null ? tail(f.console, 2000) : fault.goStyle(), "", millis);
        }
        if (f.console.contains("OutOfMemoryError")) {
            return result(p, Status.CRASHED, String.format(Locale.ROOT, "ran out of memory: the test"
                    + " JVM's heap (%d MB) filled up. Something that keeps growing: a list never"
                    + " emptied, a loop adding forever, Gs never freed?", spec.limits().heapMb()),
                    tail(f.console, 1000), "", millis);
        }
        if (f.exitEvent) {
            return result(p, Status.CRASHED, "called System.exit(" + f.exit + "), which ends the"
                    + " whole JVM: the runtime reports a fatal error by throwing, never by exiting."
                    + " The tests after this one ran in a fresh JVM.", "", "", millis);
        }
        return result(p, Status.CRASHED, "the test JVM died while this test ran (exit status "
                + f.exit + ")" + (f.exit > 128 ? ", killed by signal " + (f.exit - 128) : "")
                + ". Its last output is below.", tail(f.console, 2000), "", millis);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static TestResult result(Planned p, Status s, String message, String detail,
                                     String output, long millis) {
        return new TestResult(p.uid(), p.className(), p.method(), p.display(), p.exercise(),
                p.points(), p.visible(), s, message, detail, output, millis);
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s.strip() : "..." + s.substring(s.length() - max).strip();
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                keep(out, buf, n);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Console text, kept up to {@link #CONSOLE_KEEP} bytes. */
    private static void keep(ByteArrayOutputStream out, byte[] b, int n) {
        synchronized (out) {
            int room = CONSOLE_KEEP - out.size();
            if (room > 0) {
                out.write(b, 0, Math.min(room, n));
            }
        }
    }
}
