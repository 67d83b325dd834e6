package dev.gort.runtime.os;

/**
 * A platform thread that carries an M. {@link RealOs} gives each M its own; the M is found from the
 * current thread without a thread-local lookup, which keeps {@code getg()} cheap.
 */
public final class OsThread extends Thread implements MCarrier {
    final Machine m;
    final FutexTable.Waiter waiter = new FutexTable.Waiter();
    volatile boolean inOs; // inside futexsleep or usleep: a wait the runtime knows about

    OsThread(Machine m, Runnable body, String name) {
        super(null, body, name, 0, false);
        this.m = m;
        setDaemon(true);
    }

    @Override
    public Machine currentM() {
        return m;
    }
}
