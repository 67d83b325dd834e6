package dev.gort.runtime.directive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Go: {@code sys.NotInHeap} (formerly {@code //go:notinheap}). Values of the type are never in
 * the garbage-collected heap (they live in unmanaged memory), so pointers to them need no write
 * barrier and they may not hold heap pointers unless registered as roots.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NotInHeap {
}
