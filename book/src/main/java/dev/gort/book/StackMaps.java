package dev.gort.book;

import dev.gort.runtime.Config;
import dev.gort.runtime.G;
import dev.gort.runtime.Gort;
import dev.gort.runtime.lock.Sema;
import dev.gort.runtime.stack.Frame;
import dev.gort.runtime.stack.Func;
import dev.gort.runtime.stack.Stacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chapter 2's figures, made by running gort's stacks on the simulated OS while the book is built:
 * a stack before and after {@code copystack} (its frames, and the pointers adjusted), and the stack
 * sizes of many goroutines over time.
 */
public final class StackMaps {
    private StackMaps() {}

    /** The figures' names, as written into the figures folder (NAME.svg). */
    public static final List<String> NAMES = List.of("stack-copy", "stack-sizes");

    private static final Func F = Func.of("main.f", 6, 1); // slot 1: a pointer to the caller's slot 0
    private static final int CELL = 64;                     // bytes per cell of stack-copy

    /** The SVG of figure {@code name}. */
    public static String svg(String name) {
        List<MemoryMaps.Row> rows = new ArrayList<>();
        Map<String, String[]> legend = new LinkedHashMap<>();
        Gort.boot(Config.defaults().gomaxprocs(2).simulated(1)).run(() -> {
            switch (name) {
                case "stack-copy" -> copy(rows, legend);
                case "stack-sizes" -> sizes(rows, legend);
                default -> throw new IllegalArgumentException("no stack figure " + name);
            }
        });
        return MemoryMaps.render(rows, legend);
    }

    // ---- stack-copy: 18 frames on a 2 KB stack, then the 19th grows it to 4 KB ----

    private static void copy(List<MemoryMaps.Row> rows, Map<String, String[]> legend) {
        legend.put("free", new String[] {"#ffffff", "free"});
        legend.put("guard", new String[] {"#f6d19b", "below stackguard0 (928 bytes)"});
        legend.put("frame", new String[] {"#2b7bba", "frames (56 bytes each)"});
        legend.put("empty", new String[] {"#d9d9d9", "not part of this stack"});
        down(0, 17, rows, true);
        down(0, 0, rows, false); // the stack keeps 4 KB after returning
    }

    private static void down(int caller, int n, List<MemoryMaps.Row> rows, boolean grow) {
        int f = Frame.enter(F);
        Frame.put(f, 0, n);
        if (caller != 0) {
            Frame.put(f, 1, Frame.addr(caller, 0));
        }
        if (n > 0) {
            down(f, n - 1, rows, grow);
        } else if (grow) {
            G gp = Gort.getg();
            long p = Frame.get(f, 1);
            rows.add(row(gp, "before: 2 KB, p = 0x" + Long.toHexString(p)));
            int g = Frame.enter(F); // does not fit above stackguard0: newstack copies the 18 frames
            Frame.put(g, 1, Frame.addr(f, 0));
            rows.add(row(gp, "after:  4 KB, p = 0x" + Long.toHexString(Frame.get(f, 1))));
            Frame.leave(g);
        }
        Frame.leave(f);
    }

    private static MemoryMaps.Row row(G gp, String label) {
        List<String> cells = new ArrayList<>();
        long size = gp.stackHi - gp.stackLo;
        for (long off = 0; off < 4096; off += CELL) {
            long a = gp.stackLo + off;
            cells.add(off >= size ? "empty" : a + CELL <= gp.sp ? (a < gp.stackLo + Stacks.STACK_GUARD ? "guard" : "free")
                    : "frame");
        }
        return new MemoryMaps.Row(label, cells);
    }

    // ---- stack-sizes: 32 goroutines' stack sizes after each round of work and a shrink pass ----

    private static final String[] SIZES = {"2 KB", "4 KB", "8 KB", "16 KB", "32 KB"};
    private static final String[] SHADES = {"#ffffff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"};

    private static void sizes(List<MemoryMaps.Row> rows, Map<String, String[]> legend) {
        for (int i = 0; i < SIZES.length; i++) {
            legend.put(SIZES[i], new String[] {SHADES[i], SIZES[i]});
        }
        int n = 32;
        G[] gs = new G[n];
        int[] depth = new int[n];
        Sema[] rounds = {new Sema(), new Sema(), new Sema(), new Sema()}; // three rounds, then exit
        Sema done = new Sema();
        for (int i = 0; i < n; i++) {
            int id = i;
            Gort.go(() -> {
                gs[id] = Gort.getg();
                for (int r = 0; r < 3; r++) {
                    Sema.semacquire(rounds[r]);
                    down(0, depth[id], rows, false);
                    Sema.semrelease(done);
                }
                Sema.semacquire(rounds[3]);
            });
        }
        String[] labels = {"round 1: depths 0-3 x 100", "round 2: deeper", "round 3: shallow",
            "after a shrink pass", "after a second pass"};
        for (int round = 0; round < 5; round++) {
            if (round < 3) {
                for (int i = 0; i < n; i++) {
                    depth[i] = round == 2 ? 5 : (i * 7 + round * 13) % 4 * (100 + 100 * round);
                }
                for (int i = 0; i < n; i++) {
                    Sema.semrelease(rounds[round]);
                }
                for (int i = 0; i < n; i++) {
                    Sema.semacquire(done);
                }
            } else {
                for (G g : gs) {
                    Stacks.shrinkstack(g); // as the collector does for every G it scans
                }
            }
            List<String> cells = new ArrayList<>();
            long total = 0;
            for (G g : gs) {
                long size = g.stackHi - g.stackLo;
                total += size;
                cells.add(SIZES[Math.min(SIZES.length - 1, Long.numberOfTrailingZeros(size / 2048))]);
            }
            rows.add(new MemoryMaps.Row(String.format("%-26s %4d KB", labels[round], total / 1024), cells));
        }
        for (int i = 0; i < n; i++) {
            Sema.semrelease(rounds[3]);
        }
    }
}
