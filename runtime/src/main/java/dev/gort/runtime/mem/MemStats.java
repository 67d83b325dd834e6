package dev.gort.runtime.mem;

/**
 * What {@code Gort.readMemStats()} reports: the fields of Go's {@code runtime.MemStats} that gort's
 * runtime has, in bytes. A snapshot; {@code sys} is the sum of the {@code *Sys} fields, so it is all
 * the memory the runtime has mapped from the OS (Prepared or Ready).
 *
 * <p>Go: mstats.go {@code MemStats} (Sys, HeapSys, StackSys, MSpanSys, MSpanInuse, MCacheSys,
 * MCacheInuse, BuckHashSys, GCSys, OtherSys) filled by {@code readmemstats_m}.
 *
 * @param mappedReady bytes in the Ready state (Go: {@code gcController.mappedReady}, not in MemStats)
 */
public record MemStats(long sys, long heapSys, long stackSys, long mSpanSys, long mSpanInuse,
                       long mCacheSys, long mCacheInuse, long buckHashSys, long gcSys, long otherSys,
                       long mappedReady) {}
