package dev.gort.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gort.grader.Workbook;
import dev.gort.grader.chapter.Chapter;
import dev.gort.grader.chapter.Chapters;
import dev.gort.grader.chapter.StubGenerator;
import picocli.CommandLine;

/**
 * Seconds per submission for a class-sized batch: makes n submissions of a chapter from its
 * solution edition, a few with bugs (one file left as the untouched stub, one file that does not
 * compile), grades them with {@code ./workbook grade} as an instructor would, and prints the
 * median and the spread of the per-submission times and the batch's wall time per submission.
 *
 * <p>The target (issue 8): a median under 10 s per submission on 2 cores, with whatever isolation
 * the machine has (the output names it). One run is the measurement: a batch is minutes long, so
 * JMH's repetitions would add nothing but time.
 *
 * <p>Run from the repository root, after {@code mvn install -DskipTests}:
 * {@code java --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
 * -cp bench/target/benchmarks.jar dev.gort.bench.GradeBatch [n=200] [chapter=01] [jobs=2]};
 * {@code GORT_ISOLATION=process} measures without bubblewrap. Figures: bench/README.md.
 */
public final class GradeBatch {
    private static final Pattern DONE = Pattern.compile("^\\[\\d+/\\d+\\].*\\((\\d+\\.\\d) s\\)", Pattern.MULTILINE);

    private GradeBatch() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String chapterArg = args.length > 1 ? args[1] : "01";
        int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Chapters all = Chapters.current();
        Chapter ch = all.resolve(chapterArg);
        Path dir = Files.createTempDirectory("gort-grade-batch-");
        List<String> cli = new ArrayList<>(List.of("grade", ch.number(), "--jobs", Integer.toString(jobs),
                "--out", dir.resolve("out").toString(), "--submission"));
        int buggy = 0;
        for (Path s : kit(ch, dir.resolve("subs"), n, new Random(8))) {
            cli.add(s.toString());
            buggy += s.getFileName().toString().contains("-bug-") ? 1 : 0;
        }
        var err = new StringWriter();
        CommandLine c = Workbook.commandLine();
        c.setOut(new PrintWriter(new StringWriter(), true));
        c.setErr(new PrintWriter(err, true));
        System.setProperty(Chapters.ROOT_PROPERTY, all.root().toString());
        long t0 = System.nanoTime();
        int status = c.execute(cli.toArray(String[]::new));
        double wall = (System.nanoTime() - t0) / 1e9;
        List<Double> secs = new ArrayList<>();
        Matcher m = DONE.matcher(err.toString());
        while (m.find()) {
            secs.add(Double.parseDouble(m.group(1)));
        }
        secs.sort(null);
        if (secs.size() != n) {
            System.out.println(err);
            throw new IllegalStateException("graded " + secs.size() + " of " + n + " (exit " + status + ")");
        }
        System.out.printf(Locale.ROOT, "chapter %s, %d submissions (%d with a bug), %d at a time, isolation: %s%n",
                ch.id(), n, buggy, jobs, dev.gort.grader.engine.Isolation.level());
        System.out.printf(Locale.ROOT, "per submission: median %.1f s, min %.1f s, p90 %.1f s, max %.1f s%n",
                secs.get(n / 2), secs.getFirst(), secs.get(Math.min(n - 1, n * 9 / 10)), secs.getLast());
        System.out.printf(Locale.ROOT, "batch: %.0f s wall, %.1f s per submission%n", wall, wall / n);
    }

    /**
     * n submission folders of the solution edition: every 10th has one file left as its stub,
     * every 10th (offset 5) one file with a syntax error; the rest are correct.
     */
    static List<Path> kit(Chapter ch, Path dir, int n, Random rnd) throws IOException {
        Map<Path, String> solution = new StubGenerator(ch).generate(StubGenerator.Edition.SOLUTION);
        Map<Path, String> stubs = new StubGenerator(ch).generate(StubGenerator.Edition.STUBS);
        List<Path> files = new ArrayList<>(solution.keySet());
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path broken = files.get(rnd.nextInt(files.size()));
            String kind = i % 10 == 0 ? "stub" : i % 10 == 5 ? "syntax" : null;
            Path sub = dir.resolve(String.format(Locale.ROOT, "s%03d%s", i, kind == null ? "" : "-bug-" + kind));
            for (var e : solution.entrySet()) {
                String text = e.getValue();
                if (e.getKey().equals(broken) && "stub".equals(kind)) {
                    text = stubs.get(e.getKey());
                } else if (e.getKey().equals(broken) && "syntax".equals(kind)) {
                    text = text.replaceFirst("\\{", "{ int broken = ;");
                }
                Path f = sub.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, text);
            }
            out.add(sub);
        }
        return out;
    }
}
