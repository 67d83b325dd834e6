package dev.gort.runtime.os;

/**
 * The one platform thread of a simulation: it runs {@link SimOs}'s loop, mounting one simulated M
 * at a time. As an {@link MCarrier} it answers {@code getm()} with the M mounted now, so the
 * runtime finds its M exactly as it does on a real thread.
 *
 * <p>Invariants: {@code current} is non-null exactly while a SimM's continuation is mounted; only
 * this thread reads or writes it.
 */
final class SimHost extends Thread implements MCarrier {
    final SimOs os;
    SimM current; // the simulated thread mounted now, or null in the host loop

    SimHost(SimOs os, String name) {
        super(null, null, name, 0, false);
        this.os = os;
        setDaemon(true);
    }

    @Override
    public void run() {
        os.hostLoop(this);
    }

    @Override
    public Machine currentM() {
        SimM s = current;
        return s == null ? null : s.m;
    }
}
