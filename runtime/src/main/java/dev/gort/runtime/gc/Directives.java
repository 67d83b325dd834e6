package dev.gort.runtime.gc;

import dev.gort.runtime.directive.NoWriteBarrier;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

/**
 * Run-time checking of {@code @NoWriteBarrier}: whether such a method is on the current
 * goroutine's Java stack (its continuation: a goroutine's frames and nothing of its M's).
 *
 * <p>Go: the compiler's check for {@code //go:nowritebarrier} (cmd/compile, "write barrier
 * prohibited"). gort's barrier asks this in checked mode only: a stack walk costs microseconds.
 */
final class Directives {
    private Directives() {}

    private static final StackWalker WALKER =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** The @NoWriteBarrier methods of each class, as name + descriptor. */
    private static final ClassValue<Set<String>> ANNOTATED = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> c) {
            Set<String> names = new HashSet<>();
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(NoWriteBarrier.class)) {
                    names.add(m.getName() + java.lang.invoke.MethodType.methodType(
                            m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
                }
            }
            return names;
        }
    };

    /** The innermost @NoWriteBarrier method on the stack, as Class.method, or null. */
    static String noWriteBarrierCaller() {
        return WALKER.walk(frames -> frames
                .filter(f -> ANNOTATED.get(f.getDeclaringClass()).contains(f.getMethodName() + f.getDescriptor()))
                .map(f -> f.getClassName() + "." + f.getMethodName())
                .findFirst().orElse(null));
    }
}
