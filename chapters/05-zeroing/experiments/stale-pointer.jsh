//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Reuse memory without clearing it, and the collector finds the stale pointer.
//
//   ./jbang chapters/05-zeroing/experiments/stale-pointer.jsh
//
// A memclr part that never clears: the slot of a freed object is handed out again with its old
// bytes. With poisoning on (sweep fills freed objects with 0xdeaddeaddeaddead), the next mark
// scans the new object's pointer words, finds the poison, and dies with Go's report. Book:
// chapter 5, "Zero-initialization versus zeroing".

import dev.gort.runtime.*;
import dev.gort.runtime.gc.*;
import dev.gort.runtime.part.*;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

class NeverClear implements MemclrPart {
    final Zeroing reference;
    NeverClear(Heap heap) { this.reference = new Zeroing(heap); }
    public void clearNew(long x, long size, boolean needzero, boolean spanNeedzero) { }
    public void typedmemclr(Type typ, long p) { reference.typedmemclr(typ, p); }
    public void memclrHasPointers(long p, long n) { reference.memclrHasPointers(p, n); }
}

Type node = new Type("node", 24, 0, 8);
ByteArrayOutputStream err = new ByteArrayOutputStream();
String died = "(it did not die)";
try {
    Gort.boot(Config.defaults().gomaxprocs(1).parts(Parts.reference().memclr(NeverClear::new))
            .simulated(1).stderr(new PrintStream(err, true))).run(() -> {
        Heap heap = Gort.current().heap;
        heap.poison = true;
        heap.locals.set(0, heap.newobject(node));   // keeps the span in use
        for (int i = 0; i < 100; i++) {
            heap.newobject(node);                    // garbage
        }
        Gort.gc();                                   // freed and poisoned
        long x = heap.newobject(node);               // a reused slot, not cleared
        heap.barrier.writePointer(heap.locals.get(0), x);
        Gort.gc();                                   // scans x
    });
} catch (FatalError e) {
    died = e.getMessage();
}
err.toString().lines().filter(l -> l.startsWith("runtime: pointer") || l.startsWith("runtime: found")
        || l.startsWith("fatal error")).forEach(System.out::println);
/exit died.startsWith("found bad pointer in Go heap") ? 0 : 1
