package main

import (
	"log/slog"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// defaultGCHeadroom is the default of serve --gc-headroom.
const defaultGCHeadroom = 256 << 20

// maxGCPercent bounds the percentage for a small graph, where headroom/live is large.
const maxGCPercent = 1000

// minGCPercent is the percentage for a graph of more than half the headroom: the heap may
// grow by twice the live heap between cycles. A cycle marks the whole graph, so at a fixed
// percentage the collector's CPU per request is about the same at any size of graph, and
// at Go's default of 100 about twice what it is at 200. At 10 000 letters (550 MB live),
// 200 rather than 100 served 7–18 % more requests per second on every benchmark query
// (BENCHMARKS.md), for a heap target of three times the graph.
const minGCPercent = 200

// paceGC sets the garbage collector's percentage (GOGC) from the live heap after the
// memory store is filled, and returns it; 0: left as it was.
//
// The memory store keeps the whole graph on the heap (some 90 MB at 1 000 letters), and at
// Go's default GOGC=100 the collector starts a cycle each time the heap has grown by as
// much as is live: every few hundred requests, each cycle marking the whole graph again for
// garbage of a few hundred KB a request. paceGC gives the collector room in absolute terms:
// a cycle when the heap has grown by headroom bytes, or by twice the live heap if that is
// more (minGCPercent). At 1 000 letters that is GOGC≈300, some 360 MB of heap instead of
// 180, and 7–25 % less CPU a request (BENCHMARKS.md). GOGC in the environment is the
// operator's choice and wins; so does GOMEMLIMIT, and without it the memory limit is set
// to the live heap and twice the growth allowed (memoryLimit).
func paceGC(headroom int64) int {
	if headroom <= 0 || os.Getenv("GOGC") != "" {
		return 0
	}
	runtime.GC()
	live := liveHeap()
	if live == 0 {
		return 0
	}
	percent := gcPercent(headroom, live)
	debug.SetGCPercent(percent)
	// The percentage grows the target with whatever is live, the graph's share and the
	// requests' both: a soft limit keeps many large answers at once from taking the heap
	// to several times the graph. The runtime collects harder near it, at no more than half
	// the CPU.
	limit := int64(-1)
	if debug.SetMemoryLimit(-1) == math.MaxInt64 { // no GOMEMLIMIT
		limit = memoryLimit(live, percent, headroom)
		debug.SetMemoryLimit(limit)
	}
	slog.Info("garbage collector paced", "live_heap_bytes", live, "headroom_bytes", headroom, "gogc", percent, "memory_limit_bytes", limit)
	return percent
}

// gcPercent is the GOGC that gives a heap of live bytes room for headroom more: at least
// minGCPercent, at most maxGCPercent.
func gcPercent(headroom int64, live uint64) int {
	p := math.Ceil(float64(headroom) * 100 / float64(live))
	return int(min(max(p, minGCPercent), maxGCPercent))
}

// memoryLimit is the soft limit for a live heap paced at percent: room for twice the growth
// the percentage allows, or twice the headroom if that is more, so that the limit never
// collects sooner than the percentage would for the graph alone (at minGCPercent, a large
// graph's, that is five times the live heap).
func memoryLimit(live uint64, percent int, headroom int64) int64 {
	growth := max(int64(live)*int64(percent)/100, headroom)
	return int64(live) + 2*growth
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
