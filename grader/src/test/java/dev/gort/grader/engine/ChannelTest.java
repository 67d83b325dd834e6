package dev.gort.grader.engine;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The results channel: only lines signed with the run's secret are results; forged, replayed,
 * malformed and oversized input is told apart and never believed.
 */
class ChannelTest {
    private final byte[] key = Channel.secret();

    private String signed(String... events) {
        var out = new ByteArrayOutputStream();
        var w = new Channel.Writer(out, key);
        for (String e : events) {
            w.emit(e.split(" ", -1));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Channel.Reader reader(String text) {
        return new Channel.Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), key);
    }

    @Test
    void signedEventsArriveInOrder() throws IOException {
        var r = reader(signed("START uid1", "DONE"));
        assertThat(((Channel.Event) r.next()).fields(), contains("START", "uid1"));
        assertThat(((Channel.Event) r.next()).fields(), contains("DONE"));
        assertThat(r.next(), nullValue());
    }

    @Test
    void aForgedLineIsOnlyConsoleText() throws IOException {
        // What a submission would print to claim a pass: right shape, no secret.
        String forged = "0".repeat(64) + "\t1\tEND\tuid1\tPASSED\t1\t\t\t\n";
        var r = reader(forged + "END\tuid1\tPASSED\t1\t\t\t\n");
        assertThat(r.next(), instanceOf(Channel.Noise.class));
        assertThat(r.next(), instanceOf(Channel.Noise.class));
        var other = new Channel.Reader(new ByteArrayInputStream(signed("DONE").getBytes(StandardCharsets.UTF_8)),
                Channel.secret());
        assertThat("signed with another run's secret", other.next(), instanceOf(Channel.Noise.class));
    }

    @Test
    void aReplayedLineEndsTheRun() throws IOException {
        String line = signed("START uid1");
        var r = reader(line + line);
        assertThat(r.next(), instanceOf(Channel.Event.class));
        assertThat(((Channel.Broken) r.next()).why(), containsString("signed line 1 came after line 1"));
    }

    @Test
    void aMalformedSignedEventEndsTheRun() throws IOException {
        assertThat(((Channel.Broken) reader(signed("END uid1")).next()).why(),
                containsString("a malformed event: END with 2 fields"));
        assertThat(((Channel.Broken) reader(signed("END uid1 WON 1 m d o")).next()).why(),
                containsString("malformed event"));
        assertThat(((Channel.Broken) reader(signed("HELLO")).next()).why(), containsString("HELLO"));
    }

    @Test
    void anEndlessLineIsCutOffWithoutReadingItAll() throws IOException {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served[0] += len;
                return len;
            }
        };
        var item = new Channel.Reader(endless, key).next();
        assertThat(((Channel.Broken) item).why(), containsString("a line over " + Channel.MAX_LINE + " bytes"));
        assertThat("bytes read before giving up", served[0] < 2L * Channel.MAX_LINE, is(true));
    }

    @Test
    void theSecretTravelsAsOneLineOfHex() throws IOException {
        var in = new ByteArrayInputStream((Channel.hex(key) + "\nrest").getBytes(StandardCharsets.US_ASCII));
        assertThat(Channel.readSecret(in), is(key));
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII), is("rest"));
    }
}
