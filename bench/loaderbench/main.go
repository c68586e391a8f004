// Command loaderbench measures the loader (loader.Load) on a directory of documents: wall
// and CPU time, MB/s and documents/s, peak live heap and peak RSS. Run one process per
// corpus size, so that peak memory is this corpus's own. Prints one JSON record
// (bench/internal/benchio) to stdout; bench/run.sh collects them and bench/report prints
// the tables.
//
//	go run ./bench/loaderbench --dir /tmp/corpus-1000 --procs 1 [--reps 3] [--cpuprofile f]
//
// --shards K loads K disjoint shards of the documents in parallel (one goroutine each).
// That is not how the product loads (one Load over all documents, so that definitions and
// motions resolve across letters): it measures what the loader's per-document work would
// gain from all cores, an upper bound, not a supported mode.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"beleidsgraaf/bench/internal/benchio"
	"beleidsgraaf/loader"
)

func main() {
	dir := flag.String("dir", "corpus", "directory of documents to load")
	label := flag.String("label", "", "name of the corpus in the tables (default: the directory)")
	procs := flag.Int("procs", runtime.NumCPU(), "GOMAXPROCS")
	reps := flag.Int("reps", 0, "timed loads (0: as many as fit in --min-time, at least 1)")
	minTime := flag.Duration("min-time", 3*time.Second, "with --reps 0, repeat until this much time has passed")
	shards := flag.Int("shards", 1, "load this many disjoint shards in parallel (an upper bound; see the package doc)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed loads to this file")
	flag.Parse()
	runtime.GOMAXPROCS(*procs)
	if *label == "" {
		*label = *dir
	}

	files, errs := loader.ReadDirs(*dir)
	if len(errs) > 0 {
		fail("reading %s: %v", *dir, errs[0])
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	docs := len(files)
	parts := make([][]loader.File, *shards)
	if *shards > 1 {
		for i, f := range files {
			parts[i%*shards] = append(parts[i%*shards], f)
		}
	}
	files = nil // LoadPaths reads them itself: holding them would count against its memory
	loadAll := func() (nodes, edges int) {
		if *shards == 1 {
			// the product's path: files are read as they are prepared
			g, errs := loader.LoadPaths(*dir)
			if errs = loader.Failures(errs); len(errs) > 0 { // warnings are no failures
				fail("loading: %d documents failed, first: %v", len(errs), errs[0])
			}
			return len(g.Nodes), len(g.Edges)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		for _, p := range parts {
			wg.Go(func() {
				g, _ := loader.Load(p)
				mu.Lock()
				nodes, edges = nodes+len(g.Nodes), edges+len(g.Edges)
				mu.Unlock()
			})
		}
		wg.Wait()
		return nodes, edges
	}

	// a small corpus is warmed up once (page faults, lazily compiled dictionary); a big one
	// is its own warm-up
	if size < 20<<20 {
		loadAll()
	}
	runtime.GC()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail("%v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail("%v", err)
		}
		defer pprof.StopCPUProfile()
	}
	load0 := benchio.LoadAvg()
	heap := benchio.StartHeapSampler(5 * time.Millisecond)
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0, start := benchio.CPUTime(), time.Now()
	n := 0
	var nodes, edges int
	for n == 0 || (*reps > 0 && n < *reps) || (*reps == 0 && time.Since(start) < *minTime) {
		nodes, edges = loadAll()
		n++
	}
	wall, cpu := time.Since(start), benchio.CPUTime()-cpu0
	runtime.ReadMemStats(&ms1)
	peakHeap := heap.Stop()

	mb := float64(size) / 1e6
	per := wall.Seconds() / float64(n)
	perCPU := cpu.Seconds() / float64(n)
	benchio.Emit(os.Stdout, "loader", benchio.Record{
		"corpus":         *label,
		"docs":           docs,
		"bytes":          size,
		"procs":          *procs,
		"shards":         *shards,
		"reps":           n,
		"wall_s":         per,
		"cpu_s":          perCPU,
		"mb_per_s":       mb / per,
		"mb_per_cpu_s":   mb / perCPU,
		"docs_per_s":     float64(docs) / per,
		"nodes":          nodes,
		"edges":          edges,
		"alloc_mb":       float64(ms1.TotalAlloc-ms0.TotalAlloc) / 1e6 / float64(n),
		"gc_cycles":      float64(ms1.NumGC-ms0.NumGC) / float64(n),
		"peak_heap_mb":   float64(peakHeap) / 1e6,
		"peak_rss_mb":    float64(benchio.PeakRSS()) / 1e6,
		"load_avg_start": load0,
		"load_avg_end":   benchio.LoadAvg(),
	})
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loaderbench: "+format+"\n", args...)
	os.Exit(1)
}
