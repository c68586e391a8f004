package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"strconv"
	"sync"
	"syscall"
	"testing"

	"beleidsgraaf/bench/queries"
	"beleidsgraaf/gen"
	"beleidsgraaf/loader"
	"beleidsgraaf/store/memory"
)

// BenchmarkQuery runs the five queries of bench/run.sh (bench/queries, every variant in
// turn) through the whole HTTP handler of `serve` on the memory store, in process: the
// request is decoded, validated, executed, encoded and buffered as on a real connection,
// but without the loopback and the client, so the figure is the server's own cost per
// request and holds steady on a busy machine. The corpus is the bench's: `gen --docs N
// --seed 1`, N from BENCH_QUERY_DOCS (default 1000), loaded once per process.
//
//	go test -run '^$' -bench BenchmarkQuery -benchmem .
func BenchmarkQuery(b *testing.B) {
	h := benchHandler(b)
	// serve writes an access log line per request (to stderr); so does the benchmark, to
	// nowhere.
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.Cleanup(func() { slog.SetDefault(old) })
	for _, q := range queries.All() {
		bodies := make([][]byte, len(q.Vars))
		for i, v := range q.Vars {
			body, err := json.Marshal(map[string]any{"query": q.Ours, "variables": v})
			if err != nil {
				b.Fatal(err)
			}
			bodies[i] = body
			// Every variant must answer, and without errors: a benchmark of error answers
			// would measure nothing.
			w := benchPost(context.Background(), h, body)
			if w.Code != http.StatusOK || bytes.Contains(w.Body.Bytes(), []byte(`"errors"`)) {
				b.Fatalf("%s variant %d: %d %.300s", q.Name, i, w.Code, w.Body.Bytes())
			}
		}
		b.Run(q.Name, func(b *testing.B) {
			b.ReportAllocs()
			// Profiles of the benchmark hold the corpus's loading too; the requests (and the
			// goroutines they start, and the workers that execute them, from the request's
			// context) carry this label: go tool pprof -tagfocus query=list.
			labelled := pprof.WithLabels(context.Background(), pprof.Labels("query", q.Name))
			pprof.SetGoroutineLabels(labelled)
			defer pprof.SetGoroutineLabels(context.Background())
			var answered int64
			i := 0
			cpu0 := processCPU()
			for b.Loop() {
				w := benchPost(labelled, h, bodies[i%len(bodies)])
				answered += int64(w.Body.Len())
				i++
			}
			b.ReportMetric(float64(answered)/float64(i), "answer-B/op")
			// CPU time of the whole process (GC workers included) per request: on a
			// machine shared with other work it moves far less than ns/op (wall time).
			b.ReportMetric(float64(processCPU()-cpu0)/float64(i), "cpu-ns/op")
		})
	}
}

// processCPU is the CPU time this process has used, user and system, in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// benchPost POSTs a GraphQL request as bench/loadgen does (JSON, no compression).
func benchPost(ctx context.Context, h http.Handler, body []byte) *httptest.ResponseRecorder {
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

var benchStore = sync.OnceValues(func() (*memory.Store, error) {
	n := 1000
	if s := os.Getenv("BENCH_QUERY_DOCS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			return nil, err
		}
		n = v
	}
	dir, err := os.MkdirTemp("", "beleidsgraaf-bench-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if _, err := gen.Write(dir, 1, n); err != nil {
		return nil, err
	}
	g, _ := loader.Options{}.LoadPaths(dir)
	st := memory.New()
	return st, st.Replace(context.Background(), g)
})

// benchHandler is serve's handler with serve's default limits over the bench corpus.
func benchHandler(b *testing.B) http.Handler {
	b.Helper()
	st, err := benchStore()
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := parseFlags("serve", nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return newWebHandler(st, cfg)
}
