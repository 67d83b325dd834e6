/**
 * The workload behind {@code workbook demo}: a {@link dev.gort.grader.demo.TokenRing} of goroutines
 * passing a token with {@code gopark}/{@code goready}, goroutines in system calls, and short-lived
 * goroutines on reused Gs, put together by {@link dev.gort.grader.demo.Demo}. Built only on the
 * runtime's public API, so it also shows how to write against it.
 */
package dev.gort.grader.demo;
