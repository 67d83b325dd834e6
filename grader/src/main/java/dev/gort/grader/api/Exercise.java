package dev.gort.grader.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exercise a test (method) or all tests of a class count towards: an id from the chapter's
 * {@code chapter.properties}, which is also the id of the solution region that the exercise asks
 * the student to fill ({@code // SOLUTION runqget: ...}). The grader sums points per exercise, and
 * {@code ./workbook status} counts an exercise done when all its visible tests pass.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Exercise {
    String value();
}
