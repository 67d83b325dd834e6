package dev.gort.grader.mutant;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One small, plausible mistake in one solution region: a few consecutive lines of a reference
 * source replaced by others (a flipped comparison, a deleted statement, a CAS made a load and a
 * store...).
 *
 * @param exercise the exercise whose region it changes
 * @param region   the region id
 * @param source   the reference source, from the repository root
 * @param line     index (0-based) of the first changed line in the source
 * @param original the lines replaced
 * @param mutated  the lines put in their place
 * @param operator what kind of change ({@code flip}, {@code delete}, ...)
 * @param helpers  lines the mutant needs added to its class (the CAS operator's load-and-store)
 * @param occurrence how many mutants of the region made the same change to the same text before
 *                   this one (0 for the first): keeps keys unique when a line repeats
 */
public record Mutant(String exercise, String region, Path source, int line, List<String> original,
                     List<String> mutated, String operator, List<String> helpers, int occurrence) {

    /**
     * A name that survives edits elsewhere in the file: the region, and a hash of the operator and
     * the text before and after. It is what a manifest lists as equivalent.
     */
    public String key() {
        CRC32 crc = new CRC32();
        String s = operator + "\n" + String.join("\n", original.stream().map(String::strip).toList())
                + "\n->\n" + String.join("\n", mutated.stream().map(String::strip).toList())
                + (occurrence == 0 ? "" : "\n#" + occurrence);
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return region + "-" + HexFormat.of().toHexDigits((int) crc.getValue()).substring(2);
    }

    /** {@code RunQueue.java:123 flip: `if (t == h) {` -> `if (t != h) {`}. */
    public String describe() {
        return source.getFileName() + ":" + (line + 1) + " " + operator + ": `"
                + String.join(" ", original.stream().map(String::strip).toList()) + "` -> `"
                + String.join(" ", mutated.stream().map(String::strip).toList()) + "`";
    }

    /** The reference source's lines with this mutant applied. */
    public List<String> apply(List<String> lines) {
        List<String> out = new ArrayList<>(lines.subList(0, line));
        out.addAll(mutated);
        out.addAll(lines.subList(line + original.size(), lines.size()));
        if (!helpers.isEmpty()) {
            int close = out.size() - 1;
            while (close > 0 && !out.get(close).equals("}")) {
                close--;
            }
            out.addAll(close, helpers);
        }
        return out;
    }
}
