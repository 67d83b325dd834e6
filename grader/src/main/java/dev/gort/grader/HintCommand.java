package dev.gort.grader;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.gort.grader.chapter.Chapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code workbook hint NN EXERCISE}: the next hint for an exercise, one level at a time (the idea,
 * then the approach, then nearly the code). It remembers the levels shown in
 * {@code .gort/hints.properties}; {@code --again} repeats them, {@code --reset} starts over.
 */
@Command(name = "hint", mixinStandardHelpOptions = true,
        description = {"Show the next hint for an exercise (one level per call).",
            "Without EXERCISE: list the chapter's exercises and the hints you have seen."})
final class HintCommand implements Callable<Integer> {
    private static final String FILE = "hints.properties";

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHAPTER") String chapterArg;

    @Parameters(index = "1", paramLabel = "EXERCISE", arity = "0..1") String exercise;

    @Option(names = "--again", description = "Show the hints already seen, without a new one.")
    boolean again;

    @Option(names = "--reset", description = "Forget which hints were shown for this exercise.")
    boolean reset;

    @Override
    public Integer call() {
        Chapter ch = Cli.chapter(spec, chapterArg);
        PrintWriter w = spec.commandLine().getOut();
        var f = Cli.state(ch.root()).resolve(FILE);
        Properties p = Cli.loadProps(f);
        if (exercise == null) {
            w.println("Exercises of chapter " + ch.number() + " (" + ch.name() + "):");
            for (Chapter.ExerciseInfo ex : ch.exercises()) {
                w.printf(Locale.ROOT, "  %-18s %s  (hints seen: %s of %d)%n", ex.id(), ex.title(),
                        p.getProperty(ch.id() + "." + ex.id(), "0"), ex.hints().size());
            }
            w.println("./workbook hint " + ch.number() + " EXERCISE shows the next hint.");
            return 0;
        }
        Chapter.ExerciseInfo ex = ch.exercise(exercise);
        if (ex == null) {
            throw new ParameterException(spec.commandLine(), "chapter " + ch.number() + " has no exercise '"
                    + exercise + "'. Exercises: " + ch.exercises().stream().map(Chapter.ExerciseInfo::id)
                            .collect(Collectors.joining(", ")));
        }
        String key = ch.id() + "." + ex.id();
        if (reset) {
            p.remove(key);
            Cli.storeProps(f, p, "gort: hint levels shown");
            w.println("Hints for " + ex.id() + " reset.");
            return 0;
        }
        if (ex.hints().isEmpty()) {
            w.println("No hints for " + ex.id() + " yet. The book explains it: " + ch.book() + "#" + ex.id());
            return 0;
        }
        int seen = Integer.parseInt(p.getProperty(key, "0"));
        int show = again ? Math.max(seen, 1) : Math.min(seen + 1, ex.hints().size());
        w.printf(Locale.ROOT, "%s: %s%n", ex.id(), ex.title());
        for (int level = again ? 1 : show; level <= show; level++) {
            w.printf(Locale.ROOT, "Hint %d of %d: %s%n", level, ex.hints().size(), ex.hints().get(level - 1));
        }
        if (show == ex.hints().size() && !again) {
            w.println("That is the last hint. The book's section: " + ch.book() + "#" + ex.id());
        } else if (!again) {
            w.println("Run it again for the next hint; --again repeats the ones seen.");
        }
        p.setProperty(key, Integer.toString(Math.max(seen, show)));
        Cli.storeProps(f, p, "gort: hint levels shown");
        return 0;
    }
}
