package dev.gort.grader.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The results channel from a test JVM to the grader: the test JVM's standard output, where each
 * {@link Events} line is signed with a per-run secret.
 *
 * <p>The grader makes a fresh 256-bit secret for every test JVM and writes it to the JVM's
 * standard input, which the runner reads (and replaces by an empty stream) before any test class
 * loads. The secret is in no system property, environment variable, argument or file. The runner
 * keeps the JVM's original standard output to itself and hands System.out and System.err to the
 * per-test capture, so anything a submission prints is output, never results. Each line is
 * {@code MAC<TAB>SEQ<TAB>event fields}, the MAC an HMAC-SHA256 of {@code SEQ<TAB>fields} and
 * SEQ counting up from 1, so a line cannot be forged, replayed or reordered without the secret.
 *
 * <p>The reader is bounded: a line longer than {@link #MAX_LINE} bytes ends the run, whatever it
 * carries, and so does a signed line that is not a known event of the right shape. Unsigned lines
 * (the JVM's own messages, or anything else that reached the file descriptor) are console text.
 */
final class Channel {
    /** The longest line the grader reads; the runner cuts its fields well below this. */
    static final int MAX_LINE = 1 << 20;
    /** Events and their field counts, type included (see {@link Events}). */
    private static final java.util.Map<String, Integer> SHAPES = java.util.Map.of(
            "PLAN", 8, "START", 2, "END", 7, "TIMEOUT", 4, "DONE", 1, "EXIT", 2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Channel() {}

    /** A fresh secret for one test JVM. */
    static byte[] secret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    static String hex(byte[] key) {
        return HexFormat.of().formatHex(key);
    }

    /** Reads the secret the grader wrote to standard input: one line of hex. */
    static byte[] readSecret(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            if (b.size() > 256) {
                throw new IOException("no secret on standard input");
            }
            b.write(c);
        }
        return HexFormat.of().parseHex(b.toString(StandardCharsets.US_ASCII).strip());
    }

    private static Mac mac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** The runner's end: signs and writes events. */
    static final class Writer {
        private final OutputStream out;
        private final Mac mac;
        private long seq;

        Writer(OutputStream out, byte[] key) {
            this.out = out;
            this.mac = mac(key);
        }

        synchronized void emit(String... fields) {
            String line = Events.line(fields);
            String payload = ++seq + "\t" + line.substring(0, line.length() - 1); // without its newline
            byte[] sig = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            try {
                out.write((HexFormat.of().formatHex(sig) + "\t" + payload + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the grader is gone: nobody is left to tell
            }
        }
    }

    /** What the grader read: a signed event, console text, or a reason to end the run. */
    sealed interface Item {}

    record Event(List<String> fields) implements Item {}

    record Noise(String text) implements Item {}

    record Broken(String why) implements Item {}

    /** The grader's end: reads lines, bounded, and sorts them into events and console text. */
    static final class Reader {
        private final InputStream in;
        private final Mac mac;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int len;
        private long seq;

        Reader(InputStream in, byte[] key) {
            this.in = in;
            this.mac = mac(key);
        }

        /** The next item, or null at the end of the stream. */
        Item next() throws IOException {
            var line = new ByteArrayOutputStream();
            for (;;) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return line.size() == 0 ? null : judge(line.toByteArray());
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                line.write(buf, start, pos - start);
                if (line.size() > MAX_LINE) {
                    return new Broken("the test JVM sent a line over " + MAX_LINE + " bytes");
                }
                if (pos < len) {
                    pos++; // the newline
                    return judge(line.toByteArray());
                }
            }
        }

        private Item judge(byte[] raw) {
            String line = new String(raw, StandardCharsets.UTF_8);
            int tab = line.indexOf('\t');
            if (tab != 64) {
                return new Noise(line);
            }
            String payload = line.substring(tab + 1);
            byte[] expected = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            byte[] given;
            try {
                given = HexFormat.of().parseHex(line, 0, tab);
            } catch (IllegalArgumentException e) {
                return new Noise(line);
            }
            if (!MessageDigest.isEqual(expected, given)) {
                return new Noise(line);
            }
            int t2 = payload.indexOf('\t');
            long n;
            try {
                n = Long.parseLong(t2 < 0 ? payload : payload.substring(0, t2));
            } catch (NumberFormatException e) {
                return new Broken("a signed line without a sequence number");
            }
            if (n != seq + 1) {
                return new Broken("signed line " + n + " came after line " + seq);
            }
            seq = n;
            List<String> fields = Events.parse(t2 < 0 ? "" : payload.substring(t2 + 1));
            Integer shape = SHAPES.get(fields.getFirst());
            if (shape == null || shape != fields.size() || !numbers(fields)) {
                return new Broken("a malformed event: " + fields.getFirst() + " with " + fields.size()
                        + " fields");
            }
            return new Event(fields);
        }

        /** PLAN's points and root, END's millis: numbers where the grader parses them. */
        private static boolean numbers(List<String> f) {
            try {
                if (f.getFirst().equals("PLAN")) {
                    Double.parseDouble(f.get(6));
                    Integer.parseInt(f.get(7));
                } else if (f.getFirst().equals("END")) {
                    Status.valueOf(f.get(2));
                    Long.parseLong(f.get(3));
                }
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
