package dev.gort.runtime.directive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Go: {@code //go:yeswritebarrierrec}. Stops the {@link NoWriteBarrierRec} flood: a method that
 * may have write barriers again (in Go, after the P has been acquired).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface YesWriteBarrierRec {
}
