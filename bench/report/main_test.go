package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tc := range tests {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func cell(server string, round int, rps float64, errors int) rec {
	return rec{"kind": "api", "query": "lookup", "conc": float64(8), "server": server, "round": float64(round),
		"rps": rps, "p50_ms": rps / 1000, "p99_ms": 1.0, "errors": float64(errors), "requests": float64(100), "bytes": float64(146)}
}

// TestAPIRounds: a ratio pairs the rounds of its two servers, not their medians; a cell is
// its median round; errors of any round show.
func TestAPIRounds(t *testing.T) {
	rs := []rec{
		cell("memory", 1, 500, 0), cell("floor", 1, 1000, 0),
		cell("floor", 2, 2000, 0), cell("memory", 2, 1400, 3),
		cell("memory", 3, 800, 0), cell("floor", 3, 1000, 0),
	}
	if got, want := roundRatios(rs[0:1], rs[1:2]), []float64{0.5}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("roundRatios = %v, want %v", got, want)
	}
	if got := medianRound([]rec{rs[0], rs[3], rs[4]}); got.f("rps") != 800 {
		t.Errorf("medianRound: %v rps, want 800", got.f("rps"))
	}
	out := capture(t, func() { api(rs) })
	// rounds' ratios 50 %, 70 %, 80 %: median 70 %; the medians of the cells would say 80 %
	for _, want := range []string{"3 rounds", "| lookup | 8 | 1000 (1.00 / 1.00) | 800 (0.80 / 1.00) **3 errors** | 70 % (50–80 %) |"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

func TestAPIOneRound(t *testing.T) {
	out := capture(t, func() { api([]rec{cell("memory", 0, 500, 0), cell("floor", 0, 1000, 0)}) })
	if strings.Contains(out, "rounds") || !strings.Contains(out, "| 50 % |") {
		t.Errorf("one round: want a bare ratio and no word of rounds:\n%s", out)
	}
}

func capture(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, r)
		done <- b.Bytes()
	}()
	f()
	os.Stdout = stdout
	w.Close()
	return string(<-done)
}
