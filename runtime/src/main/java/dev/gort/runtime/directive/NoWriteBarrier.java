package dev.gort.runtime.directive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Go: {@code //go:nowritebarrier}. The method must not contain a write barrier: it may run where
 * a barrier would be wrong (without a P, or while the heap is inconsistent). In gort's checked mode
 * the write barrier throws {@code "write barrier prohibited"} when it runs with such a method on
 * the goroutine's stack (the method itself or anything it calls: gort checks the whole call, as
 * {@code nowritebarrierrec} does in Go).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface NoWriteBarrier {
}
