/**
 * What test suites use from the grader: {@link dev.gort.grader.api.Points} and
 * {@link dev.gort.grader.api.Exercise} to score tests per exercise, and
 * {@link dev.gort.grader.api.Seeds} to sweep seeds with a replay command in every failure.
 *
 * <p>Hidden suites ({@code solutions/NN-name}) and visible tests ({@code chapters/NN-name}) depend
 * on these types only; the rest of the grader is the engine that runs them.
 */
package dev.gort.grader.api;
