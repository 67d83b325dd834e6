package dev.gort.grader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import java.util.Properties;
import java.util.concurrent.Callable;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.engine.Grader.Grade;
import dev.gort.grader.engine.TestResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code workbook status}: progress over all chapters, like rustlings' list.
 *
 * <p>Fast on purpose: it runs no tests. Every {@code check} and {@code grade} of the working copy
 * records, per exercise, how many of its visible tests passed ({@code .gort/progress.properties});
 * status shows that, and marks a chapter whose files changed since as "changed: run check".
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Your progress over all chapters (from the last check or grade of each).",
            "Runs no tests: ./workbook check NN brings a chapter up to date."})
final class StatusCommand implements Callable<Integer> {
    private static final String FILE = "progress.properties";

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Chapters all = Chapters.current();
        PrintWriter w = spec.commandLine().getOut();
        if (all.all().isEmpty()) {
            w.println(all.validNames());
            return 1;
        }
        Properties p = Cli.loadProps(Cli.state(all.root()).resolve(FILE));
        int doneAll = 0;
        int total = 0;
        for (Chapter ch : all.all()) {
            String key = ch.id();
            boolean checked = p.getProperty(key + ".checked") != null;
            boolean stale = checked && CheckCommand.snapshot(ch).hashCode()
                    != Integer.parseInt(p.getProperty(key + ".snapshot", "0"));
            int done = 0;
            for (Chapter.ExerciseInfo ex : ch.exercises()) {
                if ("done".equals(p.getProperty(key + "." + ex.id()))) {
                    done++;
                }
            }
            doneAll += done;
            total += ch.exercises().size();
            w.printf(Locale.ROOT, "%s %-22s %s %d/%d%s%n", ch.number(), ch.name(),
                    bar(done, ch.exercises().size()), done, ch.exercises().size(),
                    !checked ? "  (not checked yet: ./workbook check " + ch.number() + ")"
                            : stale ? "  (changed since the last check: ./workbook check " + ch.number() + ")"
                            : "");
            for (Chapter.ExerciseInfo ex : ch.exercises()) {
                String s = p.getProperty(key + "." + ex.id(), "");
                w.printf(Locale.ROOT, "     %s %-18s %s%n", s.equals("done") ? "✔" : s.isEmpty() ? "·" : "✘",
                        ex.id(), ex.title());
            }
        }
        w.printf(Locale.ROOT, "%d of %d exercises done.%n", doneAll, total);
        return 0;
    }

    private static String bar(int done, int of) {
        int width = 20;
        int filled = of == 0 ? 0 : done * width / of;
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /** Records the visible tests' outcome per exercise after a check or grade of the working copy. */
    static void remember(Chapter ch, Grade g) {
        Path f = Cli.state(ch.root()).resolve(FILE);
        synchronized (StatusCommand.class) {
            Properties p = Cli.loadProps(f);
            String key = ch.id();
            p.setProperty(key + ".checked", java.time.Instant.now().toString());
            p.setProperty(key + ".snapshot", Integer.toString(CheckCommand.snapshot(ch).hashCode()));
            for (Chapter.ExerciseInfo ex : ch.exercises()) {
                var tests = g.results().stream()
                        .filter(r -> r.visible() && r.exercise().equals(ex.id())).toList();
                boolean done = g.problem() == null && !tests.isEmpty()
                        && tests.stream().allMatch(TestResult::passed);
                p.setProperty(key + "." + ex.id(), done ? "done" : tests.isEmpty() ? "" : "todo");
            }
            Cli.storeProps(f, p, "gort progress: written by check and grade, read by status");
        }
    }

}
