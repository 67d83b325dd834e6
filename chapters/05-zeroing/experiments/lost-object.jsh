//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// Remove the write barrier and watch checkmark catch the object the collector lost.
//
//   ./jbang chapters/05-zeroing/experiments/lost-object.jsh
//
// A goroutine whose stack the collector has already scanned (black) copies the only pointer to an
// object out of the heap into its stack and erases it in the heap, in the middle of a mark. With
// the hybrid barrier the erased pointer is shaded and the object lives; with a barrier that only
// stores, nobody ever marks it, and checkmark (a second, stop-the-world mark from the roots) finds
// it reachable but unmarked. Book: chapter 5, "The hybrid write barrier".

import dev.gort.runtime.*;
import dev.gort.runtime.gc.*;
import dev.gort.runtime.part.*;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

class NoBarrier implements WriteBarrierPart {
    final Heap heap;
    NoBarrier(Heap heap) { this.heap = heap; }
    public void writePointer(long slot, long ptr) { heap.mem.space.putLong(slot, ptr); }
    public void bulkBarrierPreWrite(long dst, long src, long size) { }
}

Type node = new Type("node", 24, 0, 8);

String run(Parts parts) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
        Gort.boot(Config.defaults().gomaxprocs(1).parts(parts).simulated(1).stderr(new PrintStream(err, true)))
                .run(() -> {
                    Heap heap = Gort.current().heap;
                    heap.checkmark = true;
                    long holder = heap.newobject(node);
                    heap.locals.set(0, holder);
                    heap.barrier.writePointer(holder, heap.newobject(node));
                    heap.gcWith(() -> {
                        heap.scanOwnStack();                                 // our stack: black
                        heap.locals.set(1, heap.mem.space.getLong(holder));  // heap -> stack
                        heap.barrier.writePointer(holder, 0);                // erased in the heap
                    });
                });
    } catch (FatalError e) {
        return String.join("\n", err.toString().lines().filter(l -> l.startsWith("runtime: checkmarks")
                || l.startsWith("fatal error")).toList());
    }
    return "the object survived";
}

String with = run(Parts.reference());
System.out.println("with the hybrid barrier: " + with);
String without = run(Parts.reference().writebarrier(NoBarrier::new));
System.out.println("without it:");
System.out.println(without);
/exit with.equals("the object survived") && without.contains("checkmark found unmarked object") ? 0 : 1
