package dev.gort.grader;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.release.Edition;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the commands share: finding chapters, where output and state go. */
final class Cli {
    private Cli() {}

    /** The chapter named by {@code arg}; a usage error (status 2) listing the valid ones if none. */
    static Chapter chapter(CommandSpec spec, String arg) {
        Chapters all = Chapters.current();
        try {
            return all.resolve(arg);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code <root>/target/gort/<what>}: default report and work directories. */
    static Path target(Chapter ch, String what) {
        return ch.root().resolve("target").resolve("gort").resolve(what).resolve(ch.id());
    }

    /**
     * {@code <root>/.gort/}: the learner's state (hint levels seen, last results), kept out of
     * target/ so that {@code mvn clean} does not forget which hints were shown.
     */
    static Path state(Path root) {
        return root.resolve(".gort");
    }

    static Properties loadProps(Path f) {
        var p = new Properties();
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    static void storeProps(Path f, Properties p, String comment) {
        try {
            Files.createDirectories(f.getParent());
            try (Writer w = Files.newBufferedWriter(f)) {
                p.store(w, comment);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the folder {@code from}, with everything under it, to {@code to}. */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * In a student edition: says that {@code what} needs the instructor edition and returns the exit
     * status 2. Elsewhere null (go on).
     */
    static Integer needsInstructorEdition(CommandSpec spec, String what) {
        if (!Edition.of(Chapters.current().root()).student()) {
            return null;
        }
        var err = spec.commandLine().getErr();
        err.println("workbook " + spec.name() + ": " + what + " needs the instructor edition of the workbook.");
        err.println("  This is the student edition: it has the visible tests but not the hidden ones, and the");
        err.println("  reference runtime only compiled. Your instructor grades your work with the hidden tests.");
        err.println("  Here you can run: ./workbook check NN (the visible tests), hint, status, replay.");
        return 2;
    }

    static int exitOnProblem(CommandLine cmd, String message) {
        cmd.getErr().println("workbook: " + message);
        return 1;
    }
}
