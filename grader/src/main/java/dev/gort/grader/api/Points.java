package dev.gort.grader.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a graded test is worth. On a method: that test; on a class: each test method in it that
 * carries no {@code @Points} of its own. A test without points (directly or through its class) is
 * informational: it is run and reported but worth 0.
 *
 * <p>A parameterized or repeated test is one graded test: it earns its points only when every
 * invocation passes. Partial credit comes from splitting an exercise into several tests.
 *
 * <p>The exercise a test counts towards is {@link Exercise}, or {@link #exercise()} here as a
 * shortcut.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Points {
    /** Points earned when the test passes; must be positive. */
    double value();

    /** The exercise id (as in the chapter's manifest); empty means: from {@link Exercise}. */
    String exercise() default "";
}
