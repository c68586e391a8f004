// Command neo4jbench measures writing a loaded graph into Neo4j with store/neo4j's Replace:
// total time and elements (nodes + edges) written per second. The graph is extracted from
// --dir first (not timed here; see loaderbench). The database is emptied first (not timed);
// then a "load" Replace writes the graph into the empty database, and each "reload" Replace
// writes it again as a new generation and deletes the previous one, as `beleidsgraaf load`
// does on a database that already holds a graph. Every Replace is bounded by --timeout;
// when the bound is hit, the record says how far it got (Replace reports progress per batch)
// and the failed Replace removes what it wrote, as it always does. The last graph written
// stays in the database (bench/run.sh serves it next).
//
//	go run ./bench/neo4jbench --dir /tmp/corpus-1000 --neo4j bolt://127.0.0.1:7688
//
// --lock takes the lock the Neo4j tests take (internal/testlock), for a Neo4j that
// `go test ./...` may use at the same time; bench/run.sh starts a Neo4j of its own instead.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"beleidsgraaf/bench/internal/benchio"
	"beleidsgraaf/internal/testlock"
	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/store/neo4j"
)

func main() {
	dir := flag.String("dir", "corpus", "directory of documents to load")
	label := flag.String("label", "", "name of the corpus in the tables (default: the directory)")
	uri := flag.String("neo4j", os.Getenv("NEO4J_URI"), "Neo4j bolt URI")
	timeout := flag.Duration("timeout", 15*time.Minute, "give up on Replace after this long")
	batch := flag.Int("batch", 0, "rows per write transaction (0: the store's default)")
	clear := flag.Bool("clear", true, "empty the database first (not timed), so that the first Replace only writes")
	reloads := flag.Int("reloads", 1, "timed Replaces of the same graph after the first (each also deletes the previous generation)")
	lock := flag.Bool("lock", false, "hold the Neo4j test lock (internal/testlock) while writing")
	flag.Parse()
	if *label == "" {
		*label = *dir
	}
	if *uri == "" {
		fail("no Neo4j: give --neo4j or set NEO4J_URI")
	}
	g, errs := loader.LoadPaths(*dir)
	if errs = loader.Failures(errs); len(errs) > 0 { // warnings are no failures
		fail("loading %s: %v", *dir, errs[0])
	}
	elements := len(g.Nodes) + len(g.Edges)

	if *lock {
		release, err := testlock.Neo4j(*uri)
		if err != nil {
			fail("%v", err)
		}
		defer release()
	}
	ctx := context.Background()
	var done atomic.Int64
	st, err := neo4j.Open(ctx, neo4j.Config{URI: *uri, BatchSize: *batch, Progress: func(d, total int) {
		done.Store(int64(d))
	}})
	if err != nil {
		fail("%v", err)
	}
	defer st.Close(ctx)

	if *clear {
		// start from an empty database, so that the first timed Replace writes only
		if err := st.Replace(ctx, &kg.Graph{}); err != nil {
			fail("clearing: %v", err)
		}
	}
	runs := []string{"load"}
	for range *reloads {
		runs = append(runs, "reload")
	}
	for _, run := range runs {
		done.Store(0)
		rctx, cancel := context.WithTimeout(ctx, *timeout)
		q0 := st.Queries()
		start := time.Now()
		err := st.Replace(rctx, g)
		took := time.Since(start)
		cancel()
		rec := benchio.Record{
			"corpus":      *label,
			"run":         run,
			"docs":        countDocs(g.Nodes),
			"nodes":       len(g.Nodes),
			"edges":       len(g.Edges),
			"elements":    elements,
			"seconds":     took.Seconds(),
			"written":     done.Load(),
			"statements":  st.Queries() - q0,
			"complete":    err == nil,
			"load_avg":    benchio.LoadAvg(),
			"elements_ps": float64(done.Load()) / took.Seconds(),
		}
		if err != nil {
			rec["error"] = err.Error()
			benchio.Emit(os.Stdout, "neo4j-load", rec)
			if errors.Is(err, context.DeadlineExceeded) {
				return // bounded: the record says how far it got
			}
			fail("Replace: %v", err)
		}
		rec["elements_ps"] = float64(elements) / took.Seconds()
		benchio.Emit(os.Stdout, "neo4j-load", rec)
	}
}

func countDocs(nodes []kg.Node) int {
	n := 0
	for _, x := range nodes {
		if x.Label == kg.Document && x.Str(kg.PropSourceFile) != "" {
			n++
		}
	}
	return n
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "neo4jbench: "+format+"\n", args...)
	os.Exit(1)
}
