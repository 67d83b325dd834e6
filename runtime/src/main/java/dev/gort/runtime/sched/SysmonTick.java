package dev.gort.runtime.sched;

/**
 * What sysmon last saw of one P: Go's {@code sysmontick} ({@code p.sysmontick}), read and written
 * by sysmon only ({@link Sysmon#retake}), so nothing else needs its fields.
 */
public final class SysmonTick {
    int schedtick = 0;        // p.schedtick at the last change sysmon saw
    long schedwhen = 0;       // when it saw it change
    int syscalltick = 0;      // p.syscalltick at the last change sysmon saw
    long syscallwhen = 0;     // when it saw it change
    int blockedtick = -1;     // p.schedtick when its M was first seen blocked outside; -1: not
    long blockedwhen = 0;     // when it was first seen so
}
