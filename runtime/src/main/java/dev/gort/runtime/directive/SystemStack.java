package dev.gort.runtime.directive;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Go: {@code //go:systemstack}. The method must run on the system stack (g0): its prologue
 * checks it ({@code "attempt to execute system stack code on user stack"}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface SystemStack {
}
