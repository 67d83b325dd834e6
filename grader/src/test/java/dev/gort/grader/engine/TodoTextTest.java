package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

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
    void escapesOtherThanQuotesAreUndone() {
        assertThat(TestRunner.todoText("was \"TODO a: one\\ttwo\\\\three\\nfour\" end"),
                is("TODO a: one\ttwo\\three\nfour"));
    }

    @Test
    void aMessageWithoutATodoIsNone() {
        assertThat(TestRunner.todoText("expected: <3> but was: <4>"), is(nullValue()));
    }
}
