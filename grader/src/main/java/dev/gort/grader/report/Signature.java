package dev.gort.grader.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tamper-evident marks, as TestMyCode signs its results: an HMAC-SHA256 under the instructor's
 * key ({@code grade --sign KEYFILE}) over each results.json and the gradebook, checked by
 * {@code ./workbook verify DIR --key KEYFILE}.
 *
 * <p>results.json carries its signature inside, as Gradescope passes through:
 * {@code "extra_data": {"gort_hmac": "hmac-sha256:HEX", ...}}, computed over the file's text with
 * the HEX left empty. The gradebook, a CSV that must stay plain, gets a file beside it,
 * {@code gradebook.csv.hmac}, holding {@code hmac-sha256:HEX} of the CSV's bytes. Anyone with the
 * key can check (and make) signatures: keep it out of the students' reach.
 */
public final class Signature {
    /** The key file must hold at least this many bytes. */
    public static final int MIN_KEY = 16;
    static final String FIELD = "gort_hmac";
    private static final String PREFIX = "hmac-sha256:";
    private static final Pattern SIGNED = Pattern.compile("\"" + FIELD + "\": \"" + PREFIX + "([0-9a-f]*)\"");

    /** What checking one file found. */
    public enum Verdict { OK, TAMPERED, UNSIGNED }

    private Signature() {}

    /** The key in {@code keyFile}: its bytes, at least {@value #MIN_KEY} of them. */
    public static byte[] key(Path keyFile) {
        byte[] k;
        try {
            k = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + keyFile + ": " + e.getMessage(), e);
        }
        if (k.length < MIN_KEY) {
            throw new IllegalArgumentException("the key file " + keyFile + " holds " + k.length
                    + " bytes; a key needs at least " + MIN_KEY + " (e.g. head -c 32 /dev/urandom > key)");
        }
        return k;
    }

    /** Signs a results.json written by {@link Reports} (which leaves the signature's slot empty). */
    public static void signResults(Path results, Path keyFile) {
        String text = read(results);
        Matcher m = SIGNED.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(results + " has no slot for a signature");
        }
        String unsigned = m.replaceFirst(Matcher.quoteReplacement("\"" + FIELD + "\": \"" + PREFIX + "\""));
        String sig = hmac(key(keyFile), unsigned.getBytes(StandardCharsets.UTF_8));
        Reports.writeFile(results, unsigned.replace("\"" + FIELD + "\": \"" + PREFIX + "\"",
                "\"" + FIELD + "\": \"" + PREFIX + sig + "\""));
    }

    /** Writes {@code file}.hmac beside {@code file}. */
    public static void signFile(Path file, Path keyFile) {
        try {
            Reports.writeFile(sidecar(file), PREFIX + hmac(key(keyFile), Files.readAllBytes(file)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a results.json. */
    public static Verdict verifyResults(Path results, byte[] key) {
        String text = read(results);
        Matcher m = SIGNED.matcher(text);
        if (!m.find() || m.group(1).isEmpty()) {
            return Verdict.UNSIGNED;
        }
        String unsigned = text.substring(0, m.start(1)) + text.substring(m.end(1));
        return same(hmac(key, unsigned.getBytes(StandardCharsets.UTF_8)), m.group(1));
    }

    /** Checks a file against its {@code .hmac} sidecar. */
    public static Verdict verifyFile(Path file, byte[] key) {
        Path side = sidecar(file);
        if (!Files.isRegularFile(side)) {
            return Verdict.UNSIGNED;
        }
        String sig = read(side).strip();
        if (!sig.startsWith(PREFIX)) {
            return Verdict.TAMPERED;
        }
        try {
            return same(hmac(key, Files.readAllBytes(file)), sig.substring(PREFIX.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".hmac");
    }

    private static Verdict same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII)) ? Verdict.OK : Verdict.TAMPERED;
    }

    private static String hmac(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(m.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
