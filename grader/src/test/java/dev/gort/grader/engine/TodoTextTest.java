package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hamcrest.StringDescription;
import org.junit.jupiter.api.Test;

/** What a student reads for an unwritten part: the stub's words, never an assertion's escaping. */
class TodoTextTest {
    private static final String TODO = "TODO lock2: m.locks++ (throw \"runtime·lock: lock count\" if it"
            + " was negative). (book: synchronization#mutex)";

    @Test
    void aTodosOwnMessageIsKeptFromTheTodoOn() {
        assertThat(TestRunner.todoText("fatal error: " + TODO), is(TODO));
    }

    @Test
    void aMessageQuotedByAnAssertionIsUnquotedAndUnescaped() {
        // How hamcrest's assertThat(e.getMessage(), equalTo(...)) reports a stub's Todo message.
        String quoted = new StringDescription().appendValue(TODO).toString();
        assertThat(quoted, containsString("(throw \\\"runtime·lock"));
        String message = "schedule checks m.locks\nExpected: \"schedule: holding locks\"\n     but: was "
                + quoted;
        assertThat(TestRunner.todoText(message), is(TODO));
    }

    @Test
    void aQuotedMessageWithAPrefixBeforeTheTodoIsUnescapedToo() {
        // A part that died on a goroutine: the runtime's message is "panic: " + the Todo's.
        String quoted = new StringDescription().appendValue("panic: " + TODO).toString();
        String message = "sweep must throw Go's message\nExpected: \"found pointer to free object\"\n"
                + "     but: was " + quoted;
        assertThat(TestRunner.todoText(message), is(TODO));
    }

    @Test
    void aTodoAfterAClosedQuotationIsTakenAsItIs() {
        assertThat(TestRunner.todoText("expected \"x\" but TODO a: \"q\""), is("TODO a: \"q\""));
    }

    @Test
    void escapesOtherThanQuotesAreUndone() {
        assertThat(TestRunner.todoText("was \"TODO a: one\\ttwo\\\\three\\nfour\" end"),
                is("TODO a: one\ttwo\\three\nfour"));
    }

    /**
     * The chapters whose stubs' TODOs state contracts (what holds after the call, what it throws)
     * and leave the steps, the calls to make, to the hint levels.
     */
    private static final List<String> CONTRACT_CHAPTERS = List.of("01-scheduler", "03-synchronization",
            "05-zeroing");
    private static final Pattern TODO_CALL = Pattern.compile("new Todo\\(\"([\\w.-]+)\", \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern A_CALL = Pattern.compile("\\b[a-zA-Z_]\\w*\\.[a-zA-Z_]\\w*\\(");

    @Test
    void stubTodosStateContractsNotCalls() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> steps = new ArrayList<>();
        int todos = 0;
        for (String ch : CONTRACT_CHAPTERS) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root.resolve("chapters").resolve(ch).resolve("src/main/java"))) {
                files = s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            }
            for (Path f : files) {
                Matcher m = TODO_CALL.matcher(Files.readString(f));
                while (m.find()) {
                    todos++;
                    Matcher call = A_CALL.matcher(m.group(2));
                    if (call.find()) {
                        steps.add(ch + " " + m.group(1) + ": names the call " + call.group());
                    }
                }
            }
        }
        assertThat("TODOs found in " + CONTRACT_CHAPTERS, todos, greaterThan(30));
        assertThat("a TODO says what must hold afterwards and what throws; the calls to make belong in"
                + " the chapter's hints", steps, empty());
    }

    @Test
    void aMessageWithoutATodoIsNone() {
        assertThat(TestRunner.todoText("expected: <3> but was: <4>"), is(nullValue()));
    }
}
