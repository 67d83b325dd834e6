package dev.gort.runtime.os;

import dev.gort.runtime.atomic.Uint32;

/**
 * The last OS events of a simulated run (an M blocks on a futex, wakes others, sleeps, yields,
 * starts a thread), kept in a small ring so that the simulator's report can say what happened just
 * before the run stopped. The same event repeated (sysmon's sleeps) is kept once with a count.
 * gort's own; owned by the simulation's host thread; recording allocates
 * nothing.
 */
final class SimEvents {
    static final int KEEP = 16; // events a report shows

    private final long[] step = new long[KEEP];
    private final SimM[] who = new SimM[KEEP];
    private final String[] what = new String[KEEP];   // a constant: "futexsleep", "usleep", ...
    private final Uint32[] addr = new Uint32[KEEP];   // the futex word, or null
    private final SimM[] other = new SimM[KEEP];      // the thread woken or started, or null
    private final long[] times = new long[KEEP];      // how many times in a row it happened
    private long recorded;

    /** Records that {@code m} did {@code call} at {@code at} (on {@code word}, to {@code to}). */
    void record(long at, SimM m, String call, Uint32 word, SimM to) {
        if (recorded > 0) {
            int last = (int) ((recorded - 1) % KEEP);
            if (who[last] == m && what[last] == call && addr[last] == word && other[last] == to) {
                step[last] = at; // the same again (sysmon's usleep): count it, keep the ring for others
                times[last]++;
                return;
            }
        }
        int i = (int) (recorded++ % KEEP);
        times[i] = 1;
        step[i] = at;
        who[i] = m;
        what[i] = call;
        addr[i] = word;
        other[i] = to;
    }

    /** A recorded event, oldest first, rendered by the report. */
    interface Line {
        void add(long step, SimM who, String what, Uint32 addr, SimM other, long times);
    }

    /** Calls {@code out} for each kept event, oldest first; returns how many were dropped before. */
    long forEach(Line out) {
        long first = Math.max(0, recorded - KEEP);
        for (long n = first; n < recorded; n++) {
            int i = (int) (n % KEEP);
            out.add(step[i], who[i], what[i], addr[i], other[i], times[i]);
        }
        return first;
    }
}
