package dev.gort.runtime;

/**
 * Why a goroutine is waiting: Go's {@code waitReason}, shown in tracebacks as
 * {@code goroutine 7 [chan receive]:}.
 *
 * <p>Go: runtime2.go {@code waitReason} and {@code waitReasonStrings}. The constants keep Go's order
 * and strings; as in Go, a reason is never reused and new ones are appended.
 */
public enum WaitReason {
    ZERO(""),
    GC_ASSIST_MARKING("GC assist marking"),
    IO_WAIT("IO wait"),
    DUMPING_HEAP("dumping heap"),
    GARBAGE_COLLECTION("garbage collection"),
    GARBAGE_COLLECTION_SCAN("garbage collection scan"),
    PANIC_WAIT("panicwait"),
    GC_ASSIST_WAIT("GC assist wait"),
    GC_SWEEP_WAIT("GC sweep wait"),
    GC_SCAVENGE_WAIT("GC scavenge wait"),
    FINALIZER_WAIT("finalizer wait"),
    FORCE_GC_IDLE("force gc (idle)"),
    GOMAXPROCS_UPDATER_IDLE("GOMAXPROCS updater (idle)"),
    SEMACQUIRE("semacquire"),
    SLEEP("sleep"),
    CHAN_RECEIVE_NIL_CHAN("chan receive (nil chan)"),
    CHAN_SEND_NIL_CHAN("chan send (nil chan)"),
    SELECT_NO_CASES("select (no cases)"),
    SELECT("select"),
    CHAN_RECEIVE("chan receive"),
    CHAN_SEND("chan send"),
    SYNC_COND_WAIT("sync.Cond.Wait"),
    SYNC_MUTEX_LOCK("sync.Mutex.Lock"),
    SYNC_RWMUTEX_RLOCK("sync.RWMutex.RLock"),
    SYNC_RWMUTEX_LOCK("sync.RWMutex.Lock"),
    SYNC_WAITGROUP_WAIT("sync.WaitGroup.Wait"),
    TRACE_READER_BLOCKED("trace reader (blocked)"),
    WAIT_FOR_GC_CYCLE("wait for GC cycle"),
    GC_WORKER_IDLE("GC worker (idle)"),
    GC_WORKER_ACTIVE("GC worker (active)"),
    PREEMPTED("preempted"),
    DEBUG_CALL("debug call"),
    GC_MARK_TERMINATION("GC mark termination"),
    STOPPING_THE_WORLD("stopping the world"),
    FLUSHING_PROC_CACHES("flushing proc caches"),
    TRACE_GOROUTINE_STATUS("trace goroutine status"),
    TRACE_PROC_STATUS("trace proc status"),
    PAGE_TRACE_FLUSH("page trace flush"),
    COROUTINE("coroutine"),
    GC_WEAK_TO_STRONG_WAIT("GC weak to strong wait"),
    SYNCTEST_RUN("synctest.Run"),
    SYNCTEST_WAIT("synctest.Wait"),
    CHAN_RECEIVE_DURABLE("chan receive (durable)"),
    CHAN_SEND_DURABLE("chan send (durable)"),
    SELECT_DURABLE("select (durable)"),
    SYNC_WAITGROUP_WAIT_DURABLE("sync.WaitGroup.Wait (durable)"),
    CLEANUP_WAIT("cleanup wait");

    private final String go;

    WaitReason(String go) {
        this.go = go;
    }

    /** Go's string for this reason, as printed in a traceback header. */
    @Override
    public String toString() {
        return go;
    }
}
