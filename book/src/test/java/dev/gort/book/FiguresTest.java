package dev.gort.book;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.gort.runtime.lock.Blocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The book's figures are deterministic and show what their captions say. The build wrote them
 * into target/figures just before these tests run (process-classes); each is made again here and
 * must come out byte for byte the same, which is what makes the book the same on every build.
 */
class FiguresTest {
    static List<String> names() {
        return Scenarios.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void aFigureIsTheSameEveryTimeItIsMade(String name) throws IOException {
        String svg = Figures.svg(name);
        assertThat("figure " + name + " made twice in one JVM", Figures.svg(name), equalTo(svg));
        Path built = Path.of(System.getProperty("gort.figures", "target/figures"), name + ".svg");
        if (Files.exists(built)) {
            assertThat("figure " + name + " differs from the one the build made in another JVM ("
                    + built + "): something in the scenario or the renderer is not deterministic",
                    Files.readString(built), equalTo(svg));
        }
    }

    @Test
    void theStealingFigureShowsASteal() {
        String svg = Figures.svg("steal");
        assertThat(svg, containsString(">P0</text>"));
        assertThat(svg, containsString(">P1</text>"));
        assertThat(svg, containsString("steals G"));
    }

    @Test
    void theSyscallFigureShowsAHandoffAndTheCall() {
        String svg = Figures.svg("syscall-handoff");
        assertThat(svg, containsString("P0 handed off"));
        assertThat(svg, containsString("enters a syscall"));
        assertThat(svg, containsString("in a system call</title>"));
    }

    @Test
    void thePingPongFigureUsesOneP() {
        String svg = Figures.svg("pingpong");
        assertThat(svg, containsString(">P0</text>"));
        assertThat(svg, not(containsString(">P1</text>")));
        assertThat(svg, containsString("parks"));
        assertThat(svg, containsString("readied"));
    }

    @Test
    void theMutexFigureShowsAnMAsleepHoldingItsP() {
        String svg = Figures.svg("mutex-blocks-p");
        assertThat(svg, containsString("asleep in futexsleep, holding P"));
        assertThat(svg, containsString("M asleep, holding the P"));      // and its legend entry
        assertThat(Figures.svg("park-frees-p"), not(containsString("asleep in futexsleep")));
    }

    @Test
    void theFiguresReadersCompareShareOneTimeScale() {
        assertThat(axis(Figures.svg("mutex-blocks-p")), equalTo(axis(Figures.svg("park-frees-p"))));
    }

    /** The tick labels of a timeline's time axis, in order. */
    private static List<String> axis(String svg) {
        return java.util.regex.Pattern.compile("text-anchor=\"middle\" fill=\"#374151\">([^<]+)</text>")
                .matcher(svg).results().map(m -> m.group(1)).toList();
    }

    @Test
    void everyFigureStatesItsQuestionAndHasALegendEntryForSpans() {
        for (String name : Scenarios.NAMES) {
            String svg = Figures.svg(name);
            assertThat(name, svg, containsString(">Watch "));
            assertThat(name, svg, containsString(">a G running on the P</text>"));
        }
    }

    @Test
    void labelsOnSpansReachWcagAaContrast() {
        for (String fill : Timeline.PALETTE) {
            double c = Timeline.contrast(fill, Timeline.labelColour(fill));
            assertThat("label on " + fill + " has contrast " + c, c >= 4.5, equalTo(true));
        }
    }

    @Test
    void everyDiagramIsDrawnWithReadableLabelsAndAsTheBuildDrewIt() throws IOException {
        List<Path> sources = Figures.diagramSources(Path.of("src/docs/asciidoc"));
        assertThat(sources.size() >= 4, equalTo(true));
        for (Path d : sources) {
            String source = Files.readString(d);
            String svg = Diagram.render(d.getFileName().toString(), source);
            assertThat(d + " draws no box", svg, containsString("<rect x="));
            for (String fill : Diagram.fills(source)) {
                assertThat(d + ": text on " + fill, Timeline.contrast(fill, "#111827") >= 4.5, equalTo(true));
            }
            Path built = Path.of(System.getProperty("gort.figures", "target/figures"),
                    d.getFileName().toString().replace(".diag", ".svg"));
            if (Files.exists(built)) {
                assertThat(built.toString(), Files.readString(built), equalTo(svg));
            }
        }
    }

    @Test
    void aDiagramArrowToAnUnknownBoxNamesTheBox() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Diagram.render("x.diag", "canvas 100 100\nbox a 0 0 10 10 \"A\"\narrow a b \"\"\n"));
        assertThat(e.getMessage(), containsString("x.diag: an arrow names box b"));
    }

    @Test
    void theBlocksTableIsHackingMdsTable() {
        assertThat(BlocksTable.measure(), equalTo(List.of(
                new Blocks.Row(Blocks.Primitive.MUTEX, true, true, true),
                new Blocks.Row(Blocks.Primitive.NOTESLEEP, true, true, true),
                new Blocks.Row(Blocks.Primitive.NOTETSLEEPG, true, true, false),
                new Blocks.Row(Blocks.Primitive.PARK, true, false, false))));
        assertThat(BlocksTable.asciidoc(), containsString("| park | `+gopark(...)+` | *Y* | N | N"));
    }

    @Test
    void everyCrossReferenceInTheBookResolves() throws IOException {
        assertThat(XrefCheck.check(Path.of("src/docs/asciidoc")), equalTo(List.of()));
    }

    @Test
    void aCrossReferenceToNothingIsReported(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("_a.adoc"), "[[here]]\n== Here\n\nSee <<here>> and <<there,it>>.\n");
        assertThat(XrefCheck.check(dir), equalTo(List.of(
                "_a.adoc:4: cross reference to there, which no [[there]] defines")));
    }

    @Test
    void ticksReadAsRoundNumbers() {
        assertThat(Timeline.niceStep(130), equalTo(200L));
        assertThat(Timeline.niceStep(4_100_000), equalTo(5_000_000L));
        assertThat(Timeline.duration(1_500_000, 3_000_000), equalTo("1.5 ms"));
        assertThat(Timeline.duration(250_000, 900_000), equalTo("250 µs"));
    }
}
