package dev.gort.runtime.lock;

import dev.gort.runtime.Config;
import dev.gort.runtime.FatalError;
import dev.gort.runtime.Gort;
import dev.gort.runtime.Switch;
import dev.gort.runtime.WaitReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HACKING.md's table of what each way of waiting blocks, produced by running the primitives
 * instead of being asserted.
 *
 * <p>For each primitive, a simulated runtime at GOMAXPROCS=1 runs two goroutines. G1 readies the
 * main goroutine and then waits in the primitive, forever: nobody releases it. The simulation runs
 * until nothing more can happen (deadlock) and then reads what happened:
 * <ul>
 *   <li>blocks G: G1 never came back from the primitive;
 *   <li>blocks P: main never ran again, although it was runnable on the only P;
 *   <li>blocks M: main never ran on G1's M (it did not run at all, or it ran on another M that
 *       took the P over).
 * </ul>
 * A simulated OS makes the run end (everything asleep is a state it can see) and makes the outcome
 * the same on every machine.
 */
public final class Blocks {
    private Blocks() {}

    /** The ways of waiting in the table. */
    public enum Primitive {
        MUTEX("mutex"),
        NOTESLEEP("note (notesleep)"),
        NOTETSLEEPG("note (notetsleepg)"),
        PARK("park");

        private final String label;

        Primitive(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One observed row: whether waiting in {@code primitive} blocked the G, its M and its P. */
    public record Row(Primitive primitive, boolean blocksG, boolean blocksM, boolean blocksP) {}

    /** What the two goroutines left behind. Written by goroutines, read after the run. */
    private static final class Seen {
        volatile boolean g1Returned;
        volatile long g1M = -1;
        volatile boolean mainRan;
        volatile long mainM = -1;
    }

    /** Runs one primitive under the simulated OS with {@code seed}. */
    public static Row observe(Primitive primitive, long seed) {
        Seen seen = new Seen();
        Config config = Config.defaults().gomaxprocs(1).simulated(seed)
                .stderr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            Gort.boot(config).run(() -> {
                Sema started = new Sema();
                Gort.go(() -> {
                    seen.g1M = Gort.getg().m.id;
                    Sema.semrelease(started); // main becomes runnable on this P (runnext)
                    waitIn(primitive);
                    seen.g1Returned = true;
                });
                Sema.semacquire(started);
                seen.mainRan = true;
                seen.mainM = Gort.getg().m.id;
                Gort.gopark(null, null, WaitReason.SELECT_NO_CASES); // forever
            });
        } catch (FatalError expected) {
            // Everything is asleep: the deadlock ends the run.
        }
        boolean blocksP = !seen.mainRan;
        boolean blocksM = !seen.mainRan || seen.mainM != seen.g1M;
        return new Row(primitive, !seen.g1Returned, blocksM, blocksP);
    }

    private static void waitIn(Primitive primitive) {
        switch (primitive) {
            case MUTEX -> {
                Mutex l = new Mutex();
                Mutex.lock(l);
                Mutex.lock(l); // held by this very M: it sleeps on the futex for good
            }
            case NOTESLEEP -> Switch.systemstack(() -> Note.notesleep(new Note()));
            case NOTETSLEEPG -> Note.notetsleepg(new Note(), -1);
            case PARK -> Gort.gopark(null, null, WaitReason.SLEEP);
        }
    }

    /** Every row, in the table's order. */
    public static List<Row> table(long seed) {
        List<Row> rows = new ArrayList<>();
        for (Primitive p : Primitive.values()) {
            rows.add(observe(p, seed));
        }
        return rows;
    }

    /**
     * The table as HACKING.md prints it: one line per way of waiting, the two notes folded into
     * "Y/N" where they differ.
     */
    public static String render(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-8s %-3s %-3s %s%n", "", "G", "M", "P"));
        Row mutex = find(rows, Primitive.MUTEX);
        Row sleep = find(rows, Primitive.NOTESLEEP);
        Row sleepg = find(rows, Primitive.NOTETSLEEPG);
        Row park = find(rows, Primitive.PARK);
        line(b, "mutex", yn(mutex.blocksG()), yn(mutex.blocksM()), yn(mutex.blocksP()));
        line(b, "note", both(sleep.blocksG(), sleepg.blocksG()), both(sleep.blocksM(), sleepg.blocksM()),
                both(sleep.blocksP(), sleepg.blocksP()));
        line(b, "park", yn(park.blocksG()), yn(park.blocksM()), yn(park.blocksP()));
        return b.toString();
    }

    private static Row find(List<Row> rows, Primitive p) {
        return rows.stream().filter(r -> r.primitive() == p).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for " + p.label()));
    }

    private static void line(StringBuilder b, String name, String g, String m, String p) {
        b.append(String.format("%-8s %-3s %-3s %s%n", name, g, m, p));
    }

    private static String yn(boolean v) {
        return v ? "Y" : "N";
    }

    private static String both(boolean a, boolean b) {
        return a == b ? yn(a) : yn(a) + "/" + yn(b);
    }
}
