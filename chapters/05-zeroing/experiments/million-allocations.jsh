//JAVA 25+
//DEPS dev.gort:gort-runtime:0.1.0-SNAPSHOT
//RUNTIME_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
// A million allocations and the GC cycles they trigger, paced by GOGC.
//
//   ./jbang chapters/05-zeroing/experiments/million-allocations.jsh
//
// Four goroutines allocate 250,000 small objects each, keeping one in a hundred in a list on their
// stack and dropping the rest. Nobody calls Gort.gc(): cycles start when the heap grows by GOGC
// percent over what the last one found live (at least 4 MB). The heap the OS mapped stays small
// because sweeping hands the garbage's slots back. Book: chapter 5, "A cycle".

import dev.gort.runtime.*;
import dev.gort.runtime.gc.*;
import dev.gort.runtime.lock.Sema;

Type node = new Type("node", 32, 0);
Gort rt = Gort.boot(Config.defaults().gomaxprocs(2).simulated(1));
rt.run(() -> {
    Heap heap = Gort.current().heap;
    Sema done = new Sema();
    for (int g = 0; g < 4; g++) {
        Gort.go(() -> {
            heap.locals.set(0, 0);
            for (int i = 0; i < 250_000; i++) {
                long x = heap.newobject(node);
                if (i % 100 == 0) {
                    heap.barrier.writePointer(x, heap.locals.get(0));
                    heap.locals.set(0, x);
                }
                if (i % 1000 == 0) {
                    Gort.gosched();
                }
            }
            Sema.semrelease(done);
        });
    }
    for (int g = 0; g < 4; g++) {
        Sema.semacquire(done);
    }
});
HeapStats.Snapshot s = rt.readHeapStats();
System.out.printf("allocations: %,d%n", s.mallocs());
System.out.printf("GC cycles: %d%n", s.numGC());
System.out.printf("heap mapped from the OS: %d MB for %d MB allocated%n", rt.readMemStats().heapSys() >> 20, s.mallocs() * 32 >> 20);
/exit s.mallocs() == 1_000_000 && s.numGC() >= 3 && rt.readMemStats().heapSys() < (32L << 20) ? 0 : 1
