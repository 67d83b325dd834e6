package dev.gort.grader.submission;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gort.grader.Toy;
import dev.gort.grader.release.Launch;

/** Submissions as course sites hand them over: zips (honest and hostile), Git repositories, folders. */
class SubmissionsTest {
    @TempDir Path tmp;

    @Test
    void aZipUnpacksWithItsFolders() throws IOException {
        Path zip = zip("alice.zip", Map.of("src/main/java/Adder.java", "class Adder {}", "README", "hi"));
        Submissions.Submission s = new Submissions(tmp.resolve("scratch")).one(zip);
        assertThat(s.name(), is("alice"));
        assertThat(Files.readString(s.dir().resolve("src/main/java/Adder.java")), is("class Adder {}"));
    }

    @Test
    void anEntryClimbingOutOfTheFolderRejectsTheZipAndWritesNothingOutside() throws IOException {
        Path zip = zip("evil.zip", Map.of("../../escaped.txt", "gotcha"));
        var e = assertThrows(SafeUnzip.UnsafeZipException.class,
                () -> SafeUnzip.unzip(zip, tmp.resolve("a/b/out"), SafeUnzip.Limits.submission()));
        assertThat(e.getMessage(), allOf(containsString("../../escaped.txt"), containsString("outside")));
        assertThat(Files.exists(tmp.resolve("escaped.txt")), is(false));
        assertThat(Files.exists(tmp.resolve("a/escaped.txt")), is(false));
    }

    @Test
    void absolutePathsAndWindowsDrivesAreRefused() throws IOException {
        for (String name : List.of("/tmp/abs.txt", "C:\\Windows\\x.txt", "a\\..\\..\\up.txt")) {
            Path zip = zip("abs" + Math.abs(name.hashCode()) + ".zip", Map.of(name, "x"));
            assertThrows(SafeUnzip.UnsafeZipException.class,
                    () -> SafeUnzip.unzip(zip, tmp.resolve("out" + Math.abs(name.hashCode())),
                            SafeUnzip.Limits.submission()), name);
        }
    }

    @Test
    void aZipBombStopsAtTheSizeLimitWhateverItsHeadersSay() throws IOException {
        Path zip = tmp.resolve("bomb.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.bin"));
            out.write(new byte[4 << 20]); // compresses to a few KB
            out.closeEntry();
        }
        assertThat(Files.size(zip) < 64 * 1024, is(true));
        var e = assertThrows(SafeUnzip.UnsafeZipException.class,
                () -> SafeUnzip.unzip(zip, tmp.resolve("bomb"), new SafeUnzip.Limits(1 << 20, 100)));
        assertThat(e.getMessage(), containsString("more than 1 MB"));
        assertThat(Files.size(tmp.resolve("bomb/zeros.bin")) <= 1 << 20, is(true));
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        Map<String, String> many = new java.util.TreeMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("f" + i + ".txt", "x");
        }
        Path zip = zip("many.zip", many);
        var e = assertThrows(SafeUnzip.UnsafeZipException.class,
                () -> SafeUnzip.unzip(zip, tmp.resolve("many"), new SafeUnzip.Limits(1 << 20, 10)));
        assertThat(e.getMessage(), containsString("more than 10 entries"));
    }

    @Test
    void namesInTheOldDosCodePageStillUnpack() throws IOException {
        Path zip = tmp.resolve("dos.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip), Charset.forName("IBM437"))) {
            out.putNextEntry(new ZipEntry("Jürgen/Adder.java"));
            out.write("class Adder {}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        SafeUnzip.unzip(zip, tmp.resolve("dos"), SafeUnzip.Limits.submission());
        assertThat(Files.readString(tmp.resolve("dos/Jürgen/Adder.java")), is("class Adder {}"));
    }

    @Test
    void bareRepositoriesAndBundlesAreCloned() throws IOException {
        Path work = gitRepo("work", "Adder.java", "class Adder {}");
        git(tmp, "clone", "--quiet", "--bare", work.toString(), tmp.resolve("carol.git").toString());
        git(work, "bundle", "create", tmp.resolve("dave.bundle").toString(), "HEAD");
        Submissions subs = new Submissions(tmp.resolve("scratch"));
        Submissions.Submission carol = subs.one(tmp.resolve("carol.git"));
        Submissions.Submission dave = subs.one(tmp.resolve("dave.bundle"));
        assertThat(carol.name(), is("carol"));
        assertThat(Files.readString(carol.dir().resolve("Adder.java")), is("class Adder {}"));
        assertThat(dave.name(), is("dave"));
        assertThat(Files.readString(dave.dir().resolve("Adder.java")), is("class Adder {}"));
    }

    @Test
    void aFolderOfSubmissionsGivesOneEachAndNamesTheOnesItCannotTake() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("class"));
        Files.createDirectories(folder.resolve("alice"));
        Files.move(zip("bob.zip", Map.of("Adder.java", "class Adder {}")), folder.resolve("bob.zip"));
        Files.move(zip("eve.zip", Map.of("../Adder.java", "evil")), folder.resolve("eve.zip"));
        Files.writeString(folder.resolve(".DS_Store"), "junk");
        Files.writeString(folder.resolve("notes.txt"), "not a submission");
        List<String> problems = new ArrayList<>();
        List<Submissions.Submission> subs = new Submissions(tmp.resolve("scratch")).each(folder, problems);
        assertThat(subs.stream().map(Submissions.Submission::name).toList(), contains("alice", "bob"));
        assertThat(problems, hasSize(1));
        assertThat(problems.getFirst(), containsString("eve.zip"));
    }

    @Test
    void gradeTakesAClassAsAZipOfZipsAndARepository() throws Exception {
        Path root = Toy.root(tmp.resolve("toy"));
        Path export = Files.createDirectories(tmp.resolve("export/class-42"));
        Files.move(zip("alice.zip", Map.of("work/Adder.java", Toy.solution(root))), export.resolve("alice.zip"));
        Path bob = gitRepo("bob-work", "Adder.java", Toy.withAdd(root, "        return a - b;"));
        git(tmp, "clone", "--quiet", "--bare", bob.toString(), export.resolve("bob.git").toString());
        Path exportZip = tmp.resolve("export.zip");
        zipFolder(tmp.resolve("export"), exportZip);

        Toy.Run run = Toy.cli(root, "grade", "00", "--all-in", exportZip.toString(), "--out",
                tmp.resolve("out").toString(), "--jobs", "2");
        assertThat(run.toString(), run.status(), is(0));
        String book = Files.readString(tmp.resolve("out/gradebook.csv"));
        assertThat(book, allOf(containsString("\nalice,"), containsString("\nbob,")));
        String alice = book.lines().filter(l -> l.startsWith("alice,")).findFirst().orElseThrow();
        String bobRow = book.lines().filter(l -> l.startsWith("bob,")).findFirst().orElseThrow();
        assertThat(alice, containsString(",100,"));
        assertThat(bobRow.contains(",100,"), is(false));
        assertThat(Files.exists(tmp.resolve("out/.unpacked")), is(false));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = tmp.resolve(name);
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static void zipFolder(Path dir, Path zip) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(zip));
             var s = Files.walk(dir)) {
            for (Path p : s.filter(p -> !p.equals(dir)).sorted().toList()) {
                // Folders as entries too: a bare repository's empty refs/ must survive.
                boolean folder = Files.isDirectory(p);
                out.putNextEntry(new ZipEntry(dir.relativize(p) + (folder ? "/" : "")));
                if (!folder) {
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
    }

    private Path gitRepo(String name, String file, String content) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        git(repo, "init", "--quiet");
        Files.writeString(repo.resolve(file), content);
        git(repo, "add", file);
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "work");
        return repo;
    }

    private static void git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Launch.Run r = Launch.run(cmd, dir, Map.of());
        assertThat(r.toString(), r.status(), is(0));
    }
}
