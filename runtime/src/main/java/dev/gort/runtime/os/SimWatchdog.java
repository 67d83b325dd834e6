package dev.gort.runtime.os;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the host threads of running simulations for one that is blocked in the JVM (a Java
 * monitor, {@code Object.wait}, {@code Thread.sleep}) while a simulated M is mounted: a goroutine
 * waiting outside the simulation. Nothing inside the simulation can ever end that wait (every M
 * shares the blocked thread), so the run is reported instead of hanging. gort's own.
 *
 * <p>One daemon thread for the JVM, started with the first simulation. A host counts as blocked
 * after {@value #POLLS} polls in a row, {@value #POLL_MS} ms apart, that find it waiting with no
 * scheduling point reached in between: a host thread never waits while it runs a simulation, so
 * the delay only rules out a class initializer's lock held for a moment by another thread.
 */
final class SimWatchdog {
    private SimWatchdog() {}

    static final int POLL_MS = 50;
    static final int POLLS = 10;

    private static final Map<SimOs, int[]> WATCHED = new ConcurrentHashMap<>(); // sim -> polls found blocked
    private static volatile Thread thread;

    /** Watches {@code sim} until {@link #forget}. */
    static void watch(SimOs sim) {
        WATCHED.put(sim, new int[] {0});
        if (thread == null) {
            start();
        }
    }

    static void forget(SimOs sim) {
        WATCHED.remove(sim);
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(SimWatchdog::loop, "gort-sim-watchdog");
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    private static void loop() {
        for (;;) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<SimOs, int[]> e : WATCHED.entrySet()) {
                int[] polls = e.getValue();
                polls[0] = e.getKey().hostBlockedOutside(polls[0] > 0) ? polls[0] + 1 : 0;
                if (polls[0] == POLLS) {
                    WATCHED.remove(e.getKey());
                    e.getKey().reportHostBlocked();
                }
            }
        }
    }
}
