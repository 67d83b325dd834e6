package dev.gort.runtime;

/**
 * A snapshot of the scheduler's counters, for summaries and tests.
 *
 * @param gsCreated  goroutines started with {@code go} (the main goroutine included)
 * @param gsReused   of those, how many got a G from a free list instead of a new one
 * @param msStarted  OS threads (Ms) started, sysmon's included
 * @param steals     successful {@code runqsteal}s
 * @param handoffs   Ps handed off from an M that left user code ({@code handoffp})
 * @param allgs      length of {@code allgs}: every G ever allocated (they are never freed)
 * @param allm       number of Ms ever created (they are never freed)
 */
public record SchedStats(long gsCreated, long gsReused, long msStarted, long steals, long handoffs,
                         int allgs, int allm) {}
