package dev.gort.runtime.gc;

import dev.gort.runtime.G;
import dev.gort.runtime.stack.Stacks;
import java.util.function.LongConsumer;

/**
 * The collector's view of goroutine stacks: the pointer slots of every frame on the G's stack
 * ({@link Stacks#scanstack}, by the frames' pointer maps), and the G's {@link Locals} block.
 *
 * <p>Go: mgcmark.go {@code scanstack}. The caller owns gp's stack (see {@link StackRoots}).
 */
final class GoroutineStacks implements StackRoots {
    private final Heap heap;

    GoroutineStacks(Heap heap) {
        this.heap = heap;
    }

    @Override
    public void scanstack(G gp, LongConsumer slot) {
        Stacks.scanstack(gp, (addr, value) -> slot.accept(addr));
        Object o = gp.gcstate;
        if (o instanceof GState st && st.slots != 0 && st.goid == gp.goid
                && gp.readgstatus() != G._Gdead) {
            for (int i = 0; i < Locals.NSLOTS; i++) {
                slot.accept(st.slots + (long) i * Type.PTR_SIZE);
            }
        }
    }
}
