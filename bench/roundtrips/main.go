// Command roundtrips counts the store round trips of each benchmark query: it runs the
// GraphQL handler (graph.NewHandler) in this process over a store wrapped in a counter, and
// for Neo4j also counts the Cypher statements sent (neo4j.Store.Queries, retries and
// generation re-reads included). The design target is at most one round trip per nesting
// level (queries.Query.Levels).
//
//	roundtrips --dir /tmp/corpus-10000 [--neo4j bolt://127.0.0.1:7688]
//
// With --neo4j the graph already in Neo4j is used (bench/run.sh loaded the same corpus);
// --dir feeds the memory store.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"beleidsgraaf/bench/internal/benchio"
	"beleidsgraaf/bench/queries"
	"beleidsgraaf/graph"
	"beleidsgraaf/loader"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
	"beleidsgraaf/store/neo4j"
)

func main() {
	dir := flag.String("dir", "", "documents for the memory store (empty: no memory store)")
	uri := flag.String("neo4j", "", "Neo4j bolt URI holding the same graph (empty: no Neo4j)")
	flag.StringVar(&profileDir, "profile", "", "also run each query --iters times per store under a CPU profile, written to this directory")
	flag.IntVar(&iters, "iters", 200, "with --profile, how many times each query runs")
	flag.Parse()
	ctx := context.Background()
	if *dir != "" {
		g, errs := loader.LoadPaths(*dir)
		if errs = loader.Failures(errs); len(errs) > 0 { // warnings are no failures
			fail("loading %s: %v", *dir, errs[0])
		}
		st := memory.New()
		if err := st.Replace(ctx, g); err != nil {
			fail("%v", err)
		}
		count("memory", st, nil)
	}
	if *uri != "" {
		st, err := neo4j.Open(ctx, neo4j.Config{URI: *uri})
		if err != nil {
			fail("%v", err)
		}
		defer st.Close(ctx)
		count("neo4j", st, st.Queries)
	}
}

var (
	profileDir string
	iters      int
)

// count runs every query (first variant) once to warm up, then once counted, then (with
// --profile) --iters times under a CPU profile.
func count(name string, st store.Reader, statements func() int64) {
	c := newCounter(st)
	h := graph.NewHandler(c, graph.Options{})
	for _, q := range queries.All() {
		body, _ := json.Marshal(map[string]any{"query": q.Ours, "variables": q.Vars[0]})
		exec := func() {
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors":`)) {
				fail("%s on %s: %d %.300s", q.Name, name, rec.Code, rec.Body.String())
			}
		}
		exec()
		c.reset()
		var s0 int64
		if statements != nil {
			s0 = statements()
		}
		exec()
		rec := benchio.Record{"store": name, "query": q.Name, "levels": q.Levels, "store_calls": c.total(), "calls": c.String()}
		if statements != nil {
			rec["statements"] = statements() - s0
		}
		if profileDir != "" {
			f, err := os.Create(filepath.Join(profileDir, fmt.Sprintf("api-%s-%s.pprof", name, q.Name)))
			if err != nil {
				fail("%v", err)
			}
			start := time.Now()
			if err := pprof.StartCPUProfile(f); err != nil {
				fail("%v", err)
			}
			for range iters {
				exec()
			}
			pprof.StopCPUProfile()
			f.Close()
			rec["profiled_ms_per_query"] = float64(time.Since(start).Microseconds()) / 1000 / float64(iters)
		}
		benchio.Emit(os.Stdout, "roundtrips", rec)
	}
}

// counter counts the Reader calls the GraphQL layer makes.
type counter struct {
	store.Reader
	mu    sync.Mutex
	calls map[string]int
}

// Unwrap implements store.Wrapper, so that the loaders treat the counted store as they
// would the store itself (store.IsInProcess).
func (c *counter) Unwrap() store.Reader { return c.Reader }

func newCounter(st store.Reader) *counter {
	c := &counter{calls: map[string]int{}}
	c.Reader = store.Observe(st, func(method string) func(error) { c.hit(method); return nil })
	return c
}

func (c *counter) hit(m string) {
	c.mu.Lock()
	c.calls[m]++
	c.mu.Unlock()
}

func (c *counter) reset() {
	c.mu.Lock()
	c.calls = map[string]int{}
	c.mu.Unlock()
}

func (c *counter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.calls {
		n += v
	}
	return n
}

func (c *counter) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var parts []string
	for k, v := range c.calls {
		parts = append(parts, fmt.Sprintf("%s×%d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "roundtrips: "+format+"\n", args...)
	os.Exit(1)
}
