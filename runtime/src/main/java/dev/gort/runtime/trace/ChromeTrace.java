package dev.gort.runtime.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Exports trace events as Chrome trace-event JSON (the format ui.perfetto.dev opens).
 *
 * <p>Three groups of lanes: "Ps" (one lane per P, a span for each stretch a G ran on it, and marks
 * for creations, parks, readies, steals and hand-offs), "Ms" (one lane per M, a span for each
 * stretch it held a P), and "syscalls" (per M, a span for each system call). Spans are paired
 * here and written as complete events, so no lane ever holds overlapping spans.
 */
final class ChromeTrace {
    private ChromeTrace() {}

    private static final int PID_P = 1;
    private static final int PID_M = 2;
    private static final int PID_SYS = 3;

    /** An open span on a lane: what runs, since when. */
    private record Open(long what, long since) {}

    static void write(List<TraceEvent> events, long dropped, List<String> reasons, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            new Writer(w, reasons).write(events, dropped);
        }
    }

    private static final class Writer {
        private final BufferedWriter w;
        private final List<String> reasons; // wait reasons by ordinal (GO_PARK's arg)
        private boolean first = true;
        private final Map<Integer, Open> gOnP = new HashMap<>();   // P lane -> running G
        private final Map<Long, Open> pOnM = new HashMap<>();      // M lane -> held P
        private final Map<Long, Open> sysOnM = new HashMap<>();    // M lane -> G in syscall
        private final TreeSet<Integer> ps = new TreeSet<>();
        private final TreeSet<Long> ms = new TreeSet<>();
        private final TreeSet<Long> sysms = new TreeSet<>();

        Writer(BufferedWriter w, List<String> reasons) {
            this.reasons = reasons;
            this.w = w;
        }

        void write(List<TraceEvent> events, long dropped) throws IOException {
            w.write("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"gort\",\"droppedEvents\":"
                    + dropped + "},\"traceEvents\":[\n");
            long end = 0;
            for (TraceEvent e : events) {
                end = e.ts();
                event(e);
            }
            for (var en : gOnP.entrySet()) {
                span(PID_P, en.getKey(), "G" + en.getValue().what(), en.getValue().since(), end);
            }
            for (var en : pOnM.entrySet()) {
                span(PID_M, en.getKey(), "P" + en.getValue().what(), en.getValue().since(), end);
            }
            for (var en : sysOnM.entrySet()) {
                span(PID_SYS, en.getKey(), "syscall G" + en.getValue().what(), en.getValue().since(), end);
            }
            metadata();
            w.write("\n]}\n");
        }

        private void event(TraceEvent e) throws IOException {
            int p = e.p();
            long m = e.m();
            switch (e.type()) {
                case Tracer.GO_CREATE -> instant(p, "go G" + e.g(), e.ts());
                case Tracer.GO_START -> {
                    endG(p, e.ts());
                    gOnP.put(p, new Open(e.g(), e.ts()));
                    ps.add(p);
                }
                case Tracer.GO_END -> endG(p, e.ts());
                case Tracer.GO_SCHED -> {
                    endG(p, e.ts());
                    instant(p, e.arg() == 1 ? "preempt G" + e.g() : "gosched G" + e.g(), e.ts());
                }
                case Tracer.GO_PARK -> {
                    endG(p, e.ts());
                    instant(p, "park G" + e.g() + " (" + reason(e.arg()) + ")", e.ts());
                }
                case Tracer.GO_UNPARK -> {
                    if (p >= 0) {
                        instant(p, "ready G" + e.g(), e.ts());
                    }
                }
                case Tracer.GO_SYSCALL -> {
                    endG(p, e.ts());
                    endP(m, e.ts());
                    sysOnM.put(m, new Open(e.g(), e.ts()));
                    sysms.add(m);
                }
                case Tracer.GO_SYSEXIT -> {
                    Open s = sysOnM.remove(m);
                    if (s != null) {
                        span(PID_SYS, m, "syscall G" + s.what(), s.since(), e.ts());
                    }
                    if (p >= 0) { // fast path: back on a P at once
                        pOnM.put(m, new Open(p, e.ts()));
                        gOnP.put(p, new Open(e.g(), e.ts()));
                        ps.add(p);
                        ms.add(m);
                    }
                }
                case Tracer.PROC_START -> {
                    endP(m, e.ts());
                    pOnM.put(m, new Open(p, e.ts()));
                    ms.add(m);
                }
                case Tracer.PROC_STOP -> endP(m, e.ts());
                case Tracer.STEAL -> instant(p, "steal G" + e.g() + " from P" + e.arg(), e.ts());
                case Tracer.HANDOFF -> instant(p, "handoff P" + p, e.ts());
                case Tracer.STW_START -> instant(p, "stop the world", e.ts());
                case Tracer.STW_DONE -> instant(p, "start the world (GOMAXPROCS=" + e.arg() + ")", e.ts());
                case Tracer.GC_START -> instant(p, "GC " + e.arg() + ": mark begins", e.ts());
                case Tracer.GC_DONE -> instant(p, "GC " + e.arg() + ": mark ends, sweep begins", e.ts());
                default -> { }
            }
        }

        private String reason(long ordinal) {
            return ordinal >= 0 && ordinal < reasons.size() ? reasons.get((int) ordinal) : "?";
        }

        private void endG(int p, long ts) throws IOException {
            Open o = gOnP.remove(p);
            if (o != null) {
                span(PID_P, p, "G" + o.what(), o.since(), ts);
            }
        }

        private void endP(long m, long ts) throws IOException {
            Open o = pOnM.remove(m);
            if (o != null) {
                span(PID_M, m, "P" + o.what(), o.since(), ts);
            }
        }

        private void span(int pid, long tid, String name, long from, long to) throws IOException {
            sep();
            w.write("{\"ph\":\"X\",\"pid\":" + pid + ",\"tid\":" + tid + ",\"name\":\"" + name
                    + "\",\"ts\":" + us(from) + ",\"dur\":" + us(Math.max(0, to - from)) + "}");
        }

        private void instant(int p, String name, long ts) throws IOException {
            if (p < 0) {
                return;
            }
            ps.add(p);
            sep();
            w.write("{\"ph\":\"i\",\"s\":\"t\",\"pid\":" + PID_P + ",\"tid\":" + p + ",\"name\":\"" + name
                    + "\",\"ts\":" + us(ts) + "}");
        }

        private void metadata() throws IOException {
            process(PID_P, "Ps (processors)", 1);
            process(PID_M, "Ms (threads)", 2);
            process(PID_SYS, "system calls", 3);
            for (int p : ps) {
                thread(PID_P, p, "P" + p);
            }
            for (long m : ms) {
                thread(PID_M, m, "M" + m);
            }
            for (long m : sysms) {
                thread(PID_SYS, m, "M" + m);
            }
        }

        private void process(int pid, String name, int order) throws IOException {
            sep();
            w.write("{\"ph\":\"M\",\"pid\":" + pid + ",\"name\":\"process_name\",\"args\":{\"name\":\""
                    + name + "\"}}");
            sep();
            w.write("{\"ph\":\"M\",\"pid\":" + pid + ",\"name\":\"process_sort_index\",\"args\":{\"sort_index\":"
                    + order + "}}");
        }

        private void thread(int pid, long tid, String name) throws IOException {
            sep();
            w.write("{\"ph\":\"M\",\"pid\":" + pid + ",\"tid\":" + tid
                    + ",\"name\":\"thread_name\",\"args\":{\"name\":\"" + name + "\"}}");
            sep();
            w.write("{\"ph\":\"M\",\"pid\":" + pid + ",\"tid\":" + tid
                    + ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":" + tid + "}}");
        }

        private void sep() throws IOException {
            if (first) {
                first = false;
            } else {
                w.write(",\n");
            }
        }

        private static String us(long ns) {
            return String.format(java.util.Locale.ROOT, "%.3f", ns / 1000.0);
        }
    }
}
