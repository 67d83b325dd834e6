package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch as an instructor runs one: stopped with SIGTERM half-way and finished with --resume,
 * refused when it would mix two runs or grade the wrong folder, and signed so that a changed mark
 * shows.
 */
class BatchTest {
    @TempDir static Path tmp;
    static Path root;
    static final List<String> NAMES = List.of("ann", "ben", "cat", "dan");

    @BeforeAll
    static void submissions() {
        root = Toy.root(tmp.resolve("root"));
        for (String n : NAMES) {
            Toy.write(tmp.resolve("subs").resolve(n).resolve("Adder.java"), Toy.solution(root));
        }
    }

    private static List<String> grade(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("grade", "00", "--jobs", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static String[] withSubmissions(List<String> args) {
        args.add("--submission");
        NAMES.forEach(n -> args.add(tmp.resolve("subs").resolve(n).toString()));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a batch, not a hang: 60 s is short on a busy machine
    void sigtermLeavesAConsistentGradebookAndResumeFinishesIt() throws Exception {
        Path out = tmp.resolve("stopped");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "-Dgort.root=" + root, "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Workbook.class.getName()));
        cmd.addAll(List.of(withSubmissions(grade(out))));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        var err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = err.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("[1/4]")) {
                p.toHandle().destroy(); // SIGTERM, as a scheduler's kill sends (Ctrl-C: SIGINT, same path)
                break;
            }
        }
        err.lines().forEach(l -> seen.append(l).append('\n'));
        p.waitFor();
        assertThat(seen.toString(), allOf(containsString("[1/4] #####"), containsString("failures 0"),
                containsString("left"), containsString("stopped: "), containsString("--resume")));
        List<String> rows = Files.readAllLines(out.resolve("gradebook.csv"));
        assertThat(rows.getFirst(), is("submission,add,fib,sum,total,max,percent,problem"));
        assertThat(rows.size(), is(5));
        assertThat(rows, hasItem("ann,3,5,3,11,11,100,"));
        assertThat(rows.stream().filter(r -> r.endsWith(",not graded")).count() >= 1, is(true));
        assertThat("finished students' reports are complete", Files.isRegularFile(out.resolve("ann/results.json")),
                is(true));

        Toy.Run again = Toy.cli(root, withSubmissions(grade(out)));
        assertThat(again.toString(), again.status(), is(2));
        assertThat(again.err(), allOf(containsString("already holds a graded batch"), containsString("--resume")));

        Toy.Run resumed = Toy.cli(root, grade(out, "--resume").toArray(String[]::new));
        assertThat(resumed.toString(), resumed.status(), is(0));
        assertThat(resumed.err(), containsString("were graded before"));
        rows = Files.readAllLines(out.resolve("gradebook.csv"));
        for (String n : NAMES) {
            assertThat(rows, hasItem(n + ",3,5,3,11,11,100,"));
        }
    }

    @Test
    void theRootAndTheWorkbookAreNotSubmissions() {
        Toy.Run slash = Toy.cli(root, "grade", "00", "--out", tmp.resolve("o1").toString(), "--submission", "/");
        assertThat(slash.status(), is(2));
        assertThat(slash.err(), containsString("--submission /: the root of the file system"));
        Toy.Run self = Toy.cli(root, "grade", "00", "--out", tmp.resolve("o2").toString(), "--submission",
                tmp.toString());
        assertThat(self.status(), is(2));
        assertThat(self.err(), containsString("it holds the workbook itself"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a batch, not a hang: 60 s is short on a busy machine
    void signedMarksShowAnyChange() throws Exception {
        Path key = tmp.resolve("key");
        Files.write(key, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        Path out = tmp.resolve("signed");
        List<String> args = grade(out, "--sign", key.toString(), "--submission");
        args.add(tmp.resolve("subs/ann").toString());
        args.add(tmp.resolve("subs/ben").toString());
        Toy.Run run = Toy.cli(root, args.toArray(String[]::new));
        assertThat(run.toString(), run.status(), is(0));
        Toy.Run ok = Toy.cli(root, "verify", out.toString(), "--key", key.toString());
        assertThat(ok.toString(), ok.status(), is(0));
        assertThat(ok.out(), allOf(containsString("ok       ann/results.json"), containsString("ok       gradebook.csv"),
                containsString("3 files checked: all signed and unchanged")));

        Path results = out.resolve("ben/results.json");
        Files.writeString(results, Files.readString(results).replaceFirst("\"score\": 11", "\"score\": 12"));
        Path book = out.resolve("gradebook.csv");
        Files.writeString(book, Files.readString(book).replace("ann,3,5,3,11", "ann,3,5,3,12"));
        Toy.Run bad = Toy.cli(root, "verify", out.toString(), "--key", key.toString());
        assertThat(bad.status(), is(1));
        assertThat(bad.out(), allOf(containsString("CHANGED  ben/results.json"), containsString("CHANGED  gradebook.csv"),
                containsString("ok       ann/results.json"), containsString("do not trust those marks")));

        Path other = tmp.resolve("other-key");
        Files.write(other, "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        Toy.Run wrongKey = Toy.cli(root, "verify", out.toString(), "--key", other.toString());
        assertThat(wrongKey.out(), not(containsString("ok ")));
        assertThat(wrongKey.status(), is(1));
        assertThat(Files.readString(out.resolve("ann/results.json")), containsString("\"gort_hmac\": \"hmac-sha256:"));
        assertThat(Files.readString(out.resolve("gradebook.csv.hmac")), startsWith("hmac-sha256:"));
    }
}
