package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestGCPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name     string
		headroom int64
		live     uint64
		want     int
	}{
		{"90 MB graph, 256 MB headroom", 256 * mb, 90 * mb, 285},
		{"a graph of half the headroom: room for twice itself", 256 * mb, 128 * mb, minGCPercent},
		{"a graph as large as the headroom grows by twice itself", 256 * mb, 256 * mb, minGCPercent},
		{"a larger graph grows by twice itself", 256 * mb, 2048 * mb, minGCPercent},
		{"a tiny graph is bounded", 256 * mb, 1 * mb, maxGCPercent},
		{"rounded up, not down", 301 * mb, 150 * mb, 201},
	} {
		if got := gcPercent(c.headroom, c.live); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func TestPaceGCLeavesTheOperatorsGOGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)

	t.Setenv("GOGC", "150")
	if p := paceGC(256 << 20); p != 0 {
		t.Errorf("GOGC=150 in the environment: paced to %d", p)
	}
	if p := paceGC(0); p != 0 {
		t.Errorf("--gc-headroom 0: paced to %d", p)
	}
}

func TestPaceGCSetsThePercentageAndALimit(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	oldLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetMemoryLimit(oldLimit)
	t.Setenv("GOGC", "") // unset for paceGC's purpose: empty is not the operator's choice
	p := paceGC(1 << 40) // far more room than any test heap: bounded
	if p != maxGCPercent {
		t.Fatalf("paced to %d, want %d", p, maxGCPercent)
	}
	if got := debug.SetGCPercent(100); got != p {
		t.Errorf("the runtime's GOGC is %d, want %d", got, p)
	}
	if limit := debug.SetMemoryLimit(-1); limit < 2<<40 || limit == math.MaxInt64 {
		t.Errorf("memory limit %d, want the live heap and twice the headroom", limit)
	}

	// GOMEMLIMIT set by the operator stays.
	debug.SetMemoryLimit(1 << 30)
	paceGC(1 << 40)
	if limit := debug.SetMemoryLimit(-1); limit != 1<<30 {
		t.Errorf("the operator's memory limit became %d", limit)
	}
}

// The soft limit leaves room for twice the growth the percentage allows: never below the
// target the percentage sets, which would collect a large graph more often than Go's
// default (it did: 1.3 GB for a 772 MB graph at GOGC 100, whose target is 1.54 GB).
func TestMemoryLimitIsAboveTheTarget(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live    uint64
		percent int
		want    int64
	}{
		{772 * mb, 100, 3 * 772 * mb},
		{772 * mb, minGCPercent, 5 * 772 * mb},
		{90 * mb, 285, 90*mb + 2*90*mb*285/100},
		{1 * mb, 1000, 1*mb + 2*256*mb}, // a tiny graph: twice the headroom
	} {
		got := memoryLimit(c.live, c.percent, 256*mb)
		if got != c.want {
			t.Errorf("live %d MB at GOGC %d: limit %d, want %d", c.live/mb, c.percent, got, c.want)
		}
		if target := int64(c.live) * int64(100+c.percent) / 100; got <= target {
			t.Errorf("live %d MB at GOGC %d: limit %d at or under the target %d", c.live/mb, c.percent, got, target)
		}
	}
}
