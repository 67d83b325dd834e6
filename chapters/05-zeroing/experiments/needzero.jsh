//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Count the bytes mallocgc clears, with span.needzero honoured and without.
//
//   ./jbang chapters/05-zeroing/experiments/needzero.jsh
//
// A span carved from pages the heap never used before is as the OS gave it: zero. mallocgc
// clears a new object only when the span says its free slots may hold old bytes (needzero), which
// sweep sets when it frees something. A memclr part that always clears does the same work again
// on every fresh object. Book: chapter 5, "Zero-initialization versus zeroing".

import dev.gort.runtime.*;
import dev.gort.runtime.gc.*;
import dev.gort.runtime.part.*;

class AlwaysClear implements MemclrPart {
    final Heap heap;
    final Zeroing reference;
    AlwaysClear(Heap heap) { this.heap = heap; this.reference = new Zeroing(heap); }
    public void clearNew(long x, long size, boolean needzero, boolean spanNeedzero) {
        if (needzero) heap.memclrNoHeapPointers(x, size);
    }
    public void typedmemclr(Type typ, long p) { reference.typedmemclr(typ, p); }
    public void memclrHasPointers(long p, long n) { reference.memclrHasPointers(p, n); }
}

long[] cleared(Parts parts) {
    long[] out = new long[2];
    Gort.boot(Config.defaults().gomaxprocs(1).parts(parts).simulated(1)).run(() -> {
        Heap heap = Gort.current().heap;
        for (int i = 0; i < 100_000; i++) {     // 6.4 MB of fresh 64-byte objects
            heap.mallocgc(64, null, true);
        }
        out[0] = heap.stats.snapshot().bytesZeroed();
        Gort.gc();                              // all garbage: spans go back to the heap
        for (int i = 0; i < 100_000; i++) {     // the same again, on reused pages
            heap.mallocgc(64, null, true);
        }
        out[1] = heap.stats.snapshot().bytesZeroed() - out[0];
    });
    return out;
}

long[] honoured = cleared(Parts.reference());
long[] always = cleared(Parts.reference().memclr(AlwaysClear::new));
System.out.printf("needzero honoured: %,d bytes cleared on fresh memory, %,d on reused memory%n", honoured[0], honoured[1]);
System.out.printf("always clearing:   %,d bytes cleared on fresh memory, %,d on reused memory%n", always[0], always[1]);
/exit honoured[0] == 0 && always[0] == 6_400_000 && honoured[1] > 0 ? 0 : 1
