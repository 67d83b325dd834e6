package dev.gort.runtime.lock;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.runtime.lock.Blocks.Primitive;
import dev.gort.runtime.lock.Blocks.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HACKING.md's table comes out of running the primitives, whatever the interleaving. */
class BlocksTest {

    @Test
    void eachWayOfWaitingBlocksWhatHackingMdSays() {
        for (long seed = 1; seed <= 3; seed++) {
            List<Row> rows = Blocks.table(seed);
            assertThat("seed " + seed, rows, equalTo(List.of(
                    new Row(Primitive.MUTEX, true, true, true),
                    new Row(Primitive.NOTESLEEP, true, true, true),
                    new Row(Primitive.NOTETSLEEPG, true, true, false),
                    new Row(Primitive.PARK, true, false, false))));
        }
    }

    @Test
    void rendersGosTable() {
        assertThat(Blocks.render(Blocks.table(7)), equalTo("""
                         G   M   P
                mutex    Y   Y   Y
                note     Y   Y   Y/N
                park     Y   N   N
                """));
    }
}
