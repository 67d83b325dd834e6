package dev.gort.grader.chapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A solution region in a reference source: the whole body of one method, between
 * <pre>
 *         // SOLUTION runqget: Take runnext first, else the head of the ring. | book: scheduler#runqget
 *         ... reference code ...
 *         // END SOLUTION
 * </pre>
 * The id names the exercise; the text says what to implement (it becomes the {@code Todo}'s
 * message); {@code | book: REF} is optional and points at the book's section.
 *
 * @param id      the exercise id
 * @param task    what to implement, one sentence
 * @param bookRef the book reference, or null if the marker has none
 * @param begin   index (0-based) of the {@code // SOLUTION} line
 * @param end     index of the {@code // END SOLUTION} line
 * @param indent  the marker's indentation, which the generated {@code throw} keeps
 */
public record Region(String id, String task, String bookRef, int begin, int end, String indent) {

    static final Pattern BEGIN = Pattern.compile(
            "^(\\s*)// SOLUTION ([A-Za-z_][A-Za-z0-9_.-]*):\\s*(.*?)(?:\\s*\\|\\s*book:\\s*(\\S+))?\\s*$");
    static final Pattern END = Pattern.compile("^\\s*// END SOLUTION\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*// (END )?SOLUTION\\b.*");

    /** True if {@code line} is a region's opening or closing marker (what a release must not ship). */
    public static boolean marker(String line) {
        return BEGIN.matcher(line).matches() || END.matcher(line).matches();
    }

    /** A malformed region: where and what. */
    public static final class MarkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MarkerException(Path file, int line, String message) {
            super(file + ":" + (line + 1) + ": " + message);
        }
    }

    /** The regions of {@code file}, in order. */
    public static List<Region> find(Path file) {
        try {
            return find(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regions in {@code lines} (of {@code file}, named in errors), in order. */
    public static List<Region> find(Path file, List<String> lines) {
        List<Region> regions = new ArrayList<>();
        Matcher open = null;
        int openLine = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher b = BEGIN.matcher(line);
            if (b.matches()) {
                if (open != null) {
                    throw new MarkerException(file, i, "SOLUTION " + b.group(2)
                            + " inside SOLUTION " + open.group(2) + " (line " + (openLine + 1)
                            + "): a region is one whole method body; close the first with // END SOLUTION");
                }
                if (b.group(3).isBlank()) {
                    throw new MarkerException(file, i, "SOLUTION " + b.group(2)
                            + " says nothing to do: write '// SOLUTION id: what to implement | book: ref'");
                }
                open = b;
                openLine = i;
            } else if (END.matcher(line).matches()) {
                if (open == null) {
                    throw new MarkerException(file, i, "END SOLUTION without a SOLUTION line before it");
                }
                // Two methods may share an id (lock2 and its slow path): one exercise, two bodies.
                regions.add(new Region(open.group(2), open.group(3).strip(), open.group(4), openLine, i,
                        open.group(1)));
                open = null;
            } else if (ANY_MARKER.matcher(line).matches()) {
                throw new MarkerException(file, i, "malformed marker: expected"
                        + " '// SOLUTION id: what to implement | book: ref' or '// END SOLUTION'");
            }
        }
        if (open != null) {
            throw new MarkerException(file, openLine, "SOLUTION " + open.group(2)
                    + " has no // END SOLUTION");
        }
        return regions;
    }
}
