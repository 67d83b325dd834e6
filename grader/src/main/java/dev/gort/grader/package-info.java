/**
 * The workbook command line ({@code ./workbook}): {@link dev.gort.grader.Workbook} and one class per
 * command. For now {@code demo} and {@code test}; the grader proper (check, grade, status, hint,
 * replay, stubs, release, book, trace) will live here too.
 *
 * <p>The launcher script at the repository root finds JDK 25 and Maven, builds this module on first
 * use and runs {@code Workbook} with the runtime's {@code --add-exports} flag.
 */
package dev.gort.grader;
