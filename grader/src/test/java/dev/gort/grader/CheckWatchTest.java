package dev.gort.grader;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import dev.gort.grader.chapter.Chapters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check --watch}: a learner saves a file, and the visible tests run again on it. */
class CheckWatchTest {

    /** Keeps what the command prints, and opens a latch once it says it is watching. */
    private static final class Recording extends Writer {
        private final StringBuilder text = new StringBuilder();
        final CountDownLatch watching = new CountDownLatch(1);

        @Override
        public synchronized void write(char[] c, int off, int len) {
            text.append(c, off, len);
            if (text.indexOf("watching ") >= 0) {
                watching.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized String text() {
            return text.toString();
        }
    }

    @Test
    void savingAFileRunsTheVisibleTestsAgainOnIt(@TempDir Path dir) throws Exception {
        Path root = Toy.root(dir);
        Path adder = Toy.chapter(root).mainSources().resolve(Toy.ADDER);
        Recording out = new Recording();
        CommandLine cli = Workbook.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int[] status = {-1};
        String old = System.getProperty(Chapters.ROOT_PROPERTY);
        System.setProperty(Chapters.ROOT_PROPERTY, root.toString());
        try {
            Thread watcher = new Thread(() ->
                    status[0] = cli.execute("check", "00", "--watch", "--max-runs", "2", "--interval", "20"));
            watcher.start();
            assertThat("the first run (on the stub) ends and watching begins",
                    out.watching.await(120, TimeUnit.SECONDS), is(true));
            Toy.write(adder, Toy.solution(root)); // the learner saves a correct Adder
            watcher.join(TimeUnit.SECONDS.toMillis(120));
            assertThat("the watcher stopped after its second run", watcher.isAlive(), is(false));
        } finally {
            if (old == null) {
                System.clearProperty(Chapters.ROOT_PROPERTY);
            } else {
                System.setProperty(Chapters.ROOT_PROPERTY, old);
            }
        }
        assertThat(out.text(), containsString("--- changed: re-running ---"));
        assertThat("the second run saw the saved file: every visible test passes", status[0], is(0));
    }
}
