package dev.gort.grader;

import java.util.concurrent.Callable;

import dev.gort.runtime.lock.Blocks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code workbook blocks}: HACKING.md's table of what a mutex, a note and a park block, produced by
 * running each primitive on a simulated runtime ({@link Blocks}) rather than printed from a file.
 *
 * <p>Users: readers of chapter 3 who want to see the table come out of code; the book's build.
 */
@Command(
        name = "blocks",
        mixinStandardHelpOptions = true,
        description = {
            "Print HACKING.md's table of what mutex, note and park block, made by running them.",
            "Each primitive runs at GOMAXPROCS=1 on a simulated OS; the table says whether it",
            "blocked the goroutine (G), its thread (M), its processor (P). Same seed, same table."})
final class BlocksCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the simulated OS's interleaving (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--verbose", description = "Also print one line per primitive, notes apart.")
    boolean verbose;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var rows = Blocks.table(seed);
        out.print(Blocks.render(rows));
        if (verbose) {
            out.println();
            for (Blocks.Row r : rows) {
                out.printf("%-20s G=%s M=%s P=%s%n", r.primitive().label(), yn(r.blocksG()),
                        yn(r.blocksM()), yn(r.blocksP()));
            }
        }
        out.flush();
        return 0;
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }
}
