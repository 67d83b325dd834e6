package dev.gort.book;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails the book's build on a cross reference to an id the book does not define. Asciidoctor
 * reports such a reference only at INFO level and only in verbose mode, which also floods the
 * build with JRuby's warnings about Ruby gems; this check is exact and quiet instead.
 *
 * <p>The rule it enforces: every {@code <<id>>}, {@code <<id,text>>} and {@code xref:id[]} in the
 * book's sources names an explicit id ({@code [[id]]}, {@code [[id,title]]} or {@code [#id]}).
 */
final class XrefCheck {
    private XrefCheck() {}

    private static final Pattern ANCHOR = Pattern.compile("\\[\\[([A-Za-z_][\\w-]*)(?:,[^\\]]*)?\\]\\]|\\[#([A-Za-z_][\\w-]*)[\\].,%]");
    private static final Pattern XREF = Pattern.compile("<<([A-Za-z_][\\w-]*)(?:,[^>]*)?>>|xref:([A-Za-z_][\\w-]*)\\[");

    /** Problems found in the .adoc files of {@code dir}, as "file:line: message"; empty when all resolve. */
    static List<String> check(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".adoc")).sorted().toList();
        }
        Set<String> ids = new TreeSet<>();
        for (Path f : files) {
            Matcher m = ANCHOR.matcher(Files.readString(f));
            while (m.find()) {
                ids.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = XREF.matcher(lines.get(i));
                while (m.find()) {
                    String id = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!ids.contains(id)) {
                        problems.add(f.getFileName() + ":" + (i + 1) + ": cross reference to " + id
                                + ", which no [[" + id + "]] defines");
                    }
                }
            }
        }
        return problems;
    }
}
