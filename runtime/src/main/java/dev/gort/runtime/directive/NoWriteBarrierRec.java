package dev.gort.runtime.directive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Go: {@code //go:nowritebarrierrec}. Neither the method nor anything it calls, up to a
 * {@link YesWriteBarrierRec} method, may contain a write barrier. Checked by walking the call graph.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface NoWriteBarrierRec {
}
