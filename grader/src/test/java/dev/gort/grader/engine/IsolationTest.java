package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a test JVM can reach: with bubblewrap, nothing outside its run folder is writable and the
 * network is gone; without it, the grader says so. The code that tries is a test of the grader's
 * own here, since the bytecode check keeps files and sockets out of students' code.
 */
class IsolationTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aTestJvmWritesOnlyItsRunFolderAndHasNoNetwork(@TempDir Path tmp) throws Exception {
        Path outside = tmp.resolve("outside.txt");
        Path inCheckout = ROOT.resolve("grader/target/isolation-escaped.txt");
        Files.deleteIfExists(inCheckout);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            TestRun.Outcome o = OneTestClass.run(tmp, "reach", "ReachTest", """
                    package reach;

                    class ReachTest {
                        @org.junit.jupiter.api.Test
                        void writes() throws Exception {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "escaped");
                        }

                        @org.junit.jupiter.api.Test
                        void writesTheCheckout() throws Exception {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "escaped");
                        }

                        @org.junit.jupiter.api.Test
                        void connects() throws Exception {
                            new java.net.Socket("127.0.0.1", %d).close();
                        }

                        @org.junit.jupiter.api.Test
                        void writesItsRunFolder() throws Exception {
                            java.nio.file.Files.writeString(java.nio.file.Path.of("scratch.txt"), "fine");
                        }
                    }
                    """.formatted(outside.toString().replace("\\", "\\\\"),
                    inCheckout.toString().replace("\\", "\\\\"), port));
            Map<String, Status> by = new java.util.HashMap<>();
            o.results().forEach(r -> by.put(r.method(), r.status()));
            assertThat(o.toString(), by.get("writesItsRunFolder"), is(Status.PASSED));
            if (Isolation.level() == Isolation.Level.BUBBLEWRAP) {
                // /tmp is the sandbox's own, empty and thrown away: the write lands there, not here
                assertThat("a file outside the run folder", Files.exists(outside), is(false));
                if (!ROOT.startsWith("/tmp")) {
                    // read-only; a checkout under /tmp sits in the sandbox's throwaway /tmp instead
                    assertThat(by.get("writesTheCheckout"), is(Status.FAILED));
                }
                assertThat("a file in the checkout", Files.exists(inCheckout), is(false));
                assertThat(by.get("connects"), is(Status.FAILED));
                assertThat("a connection from the test JVM", server.accept(), nullValue());
            } else {
                assertThat(Isolation.level().description(), Isolation.level().description()
                        .startsWith("process-level only"), is(true));
            }
        }
    }

    @Test
    void classpathEntriesUnderTheEmptyTmpStayReadable(@TempDir Path tmp) throws Exception {
        // A CI clone under /tmp: the sandbox's empty /tmp must not hide the grader's own classes.
        Path underTmp = Files.createTempDirectory(Path.of("/tmp"), "gort-cp");
        Path hidden = Files.createDirectories(tmp.resolve("solutions"));
        Path suite = Files.createDirectories(hidden.resolve("01/classes"));
        Path elsewhere = Path.of(System.getProperty("java.home"), "lib"); // visible through "/"
        try {
            List<String> w = Isolation.bwrap(List.of("java"), List.of(underTmp, suite, elsewhere),
                    tmp, tmp.resolve("run"), hidden);
            String joined = String.join(" ", w);
            assertThat(joined, joined.contains("--ro-bind " + underTmp + " " + underTmp), is(true));
            assertThat(joined, joined.contains("--ro-bind " + suite + " " + suite), is(true));
            assertThat(joined, joined.contains("--ro-bind " + elsewhere + " "), is(false));
            assertThat("binds come after the tmpfs that would hide them",
                    w.lastIndexOf("--tmpfs") < w.indexOf(underTmp.toString()), is(true));
            assertThat(w.subList(w.indexOf("--") + 1, w.size()),
                    is(Collections.singletonList("java")));
        } finally {
            Files.delete(underTmp);
        }
    }
}
