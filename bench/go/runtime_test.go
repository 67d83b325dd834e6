// Package bench holds the Go side of gort's benchmarks: for each hot path that bench/'s JMH
// suite measures in gort, the same work in Go, so that `./workbook bench --go` can run the two
// side by side and print the ratio. bench/counterparts.properties pairs them by name; GOMAXPROCS
// comes from go test's -cpu flag, as gort's comes from the benchmark's procs parameter.
//
// Each benchmark's unit is the unit of its gort counterpart (ns per round trip, per goroutine,
// per call), so the two figures compare directly.
package bench

import (
	"runtime"
	"sync"
	"syscall"
	"testing"
)

// Two goroutines hand a token back and forth on unbuffered channels: ns per round trip.
// gort: PingPong.roundTrip (gopark/goready). Go's own: chan_test.go BenchmarkChanSync.
func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		for i := 0; i < b.N; i++ {
			<-pong
			ping <- struct{}{}
		}
		close(done)
	}()
	for i := 0; i < b.N; i++ {
		pong <- struct{}{}
		<-ping
	}
	<-done
}

// Each goroutine starts the next and exits, GOMAXPROCS chains at once: ns per go + exit.
// gort: GoroutineSpawn.chain. Go's own: proc_test.go BenchmarkCreateGoroutines.
func BenchmarkGoChain(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	finished := make(chan struct{}, procs)
	var link func(n int)
	link = func(n int) {
		if n == 0 {
			finished <- struct{}{}
			return
		}
		go link(n - 1)
	}
	for i := 0; i < procs; i++ {
		go link(b.N / procs)
	}
	for i := 0; i < procs; i++ {
		<-finished
	}
}

// One goroutine starts b.N goroutines that only count themselves out: ns per go + exit.
// gort: GoroutineSpawn.goAndExit. Go's own: proc_test.go BenchmarkCreateGoroutinesSingle.
func BenchmarkGoAndExit(b *testing.B) {
	var wg sync.WaitGroup
	wg.Add(b.N)
	for i := 0; i < b.N; i++ {
		go wg.Done()
	}
	wg.Wait()
}

// Two goroutines call Gosched in a loop: ns per call. gort: GoschedPingPong.gosched.
func BenchmarkGosched(b *testing.B) {
	var wg sync.WaitGroup
	wg.Add(2)
	for g := 0; g < 2; g++ {
		go func() {
			for i := 0; i < b.N/2; i++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// An uncontended lock and unlock: ns per pair. gort: RuntimeLocks.mutexLockUnlock (the
// runtime's own mutex, which Go code cannot reach; sync.Mutex is the nearest).
func BenchmarkMutexLockUnlock(b *testing.B) {
	var mu sync.Mutex
	for i := 0; i < b.N; i++ {
		mu.Lock()
		mu.Unlock()
	}
}

// What sysAlloc and sysFree of 64 KB come down to on Linux: an anonymous read-write mmap and its
// munmap (mem_linux.go). gort: UnmanagedMemory.sysAllocFree (the same calls through FFM, plus the
// region table and the statistics).
func BenchmarkMmapMunmap(b *testing.B) {
	for i := 0; i < b.N; i++ {
		m, err := syscall.Mmap(-1, 0, 64<<10, syscall.PROT_READ|syscall.PROT_WRITE,
			syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			b.Fatal(err)
		}
		if err := syscall.Munmap(m); err != nil {
			b.Fatal(err)
		}
	}
}
