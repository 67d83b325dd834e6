package dev.gort.runtime.os;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The platform thread running the caller now, and the M it carries: where {@code getg()} starts.
 * {@code dev.gort.runtime.Switch.carrier()} and {@code Switch.getm()} are this, typed for the
 * runtime above.
 *
 * <p>Status: internal. Runtime code that may run on a goroutine reads the thread only here, never
 * through {@link Thread#currentThread()} (see below).
 */
public final class Carrier {
    private Carrier() {}

    /*
     * Why the thread is read through a method handle. HotSpot's JIT treats Thread.currentThread()
     * as invariant within a compiled method (a method activation never changes threads), and is
     * told otherwise only for JDK-internal methods (@ChangesCurrentThread). A goroutine's frames do
     * change threads: a G that parks on one M may resume on another. If the read were inlined into
     * a frame that spans a park, a read after the park could reuse the thread read before it, and
     * the G would act as if it still ran on its old M (seen: another M's mcallfn set, "mcall called
     * on m->g0 stack"). Invoking a method handle that the JIT cannot see as constant keeps the read
     * in a frame of its own, which never spans a switch. It costs a few nanoseconds.
     */
    private static MethodHandle currentThread = currentThread(); // deliberately not final: see above

    private static MethodHandle currentThread() {
        try {
            return MethodHandles.lookup().findStatic(Thread.class, "currentThread",
                    MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The platform thread running the caller now. */
    public static Thread thread() {
        try {
            return (Thread) currentThread.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t); // currentThread throws nothing
        }
    }

    /** The M of the calling thread, or null when the caller is not an M of any runtime. */
    public static Machine machine() {
        return thread() instanceof MCarrier c ? c.currentM() : null;
    }
}
