// Package benchio holds what the benchmark programs of bench/ share: their result records
// (one JSON object per line, read by bench/report), process CPU time and peak memory.
package benchio

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Record is one result: Kind says which table it belongs to, the rest are its columns.
type Record map[string]any

// Emit writes a record as one JSON line to w (the tools write to stdout; run.sh collects).
func Emit(w io.Writer, kind string, r Record) {
	r["kind"] = kind
	b, err := json.Marshal(r)
	if err != nil {
		panic(err)
	}
	fmt.Fprintln(w, string(b))
}

// CPUTime is the CPU time (user + system) this process has used so far, all threads.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// PeakRSS is the process's peak resident set size in bytes (VmHWM), or 0 when unknown.
func PeakRSS() int64 { return procStatus("VmHWM:") }

func procStatus(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), key); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

// HeapSampler samples the live heap (heap objects, bytes) every few milliseconds and keeps
// the peak: the loader's working set, without what the runtime keeps around.
type HeapSampler struct {
	stop chan struct{}
	done sync.WaitGroup
	mu   sync.Mutex
	peak uint64
}

// StartHeapSampler starts sampling.
func StartHeapSampler(every time.Duration) *HeapSampler {
	h := &HeapSampler{stop: make(chan struct{})}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > h.peak {
				h.mu.Lock()
				h.peak = v
				h.mu.Unlock()
			}
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// Stop ends sampling and returns the peak in bytes.
func (h *HeapSampler) Stop() uint64 {
	close(h.stop)
	h.done.Wait()
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.peak
}

// LoadAvg is the 1-minute load average, or -1: the benchmarks share the machine.
func LoadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}
