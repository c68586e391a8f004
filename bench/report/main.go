// Command report prints the tables of BENCHMARKS.md from the JSON records the benchmark
// programs wrote (bench/run.sh collects them in one file).
//
//	report results.jsonl
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
)

type rec map[string]any

func (r rec) s(k string) string {
	v, _ := r[k].(string)
	return v
}

func (r rec) f(k string) float64 {
	v, _ := r[k].(float64)
	return v
}

func (r rec) i(k string) int { return int(r.f(k)) }

func main() {
	var in io.Reader = os.Stdin
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "report:", err)
			os.Exit(1)
		}
		defer f.Close()
		in = f
	}
	byKind := map[string][]rec{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		var r rec
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			// a dropped record is a missing table: say so
			fmt.Fprintf(os.Stderr, "report: line %d is not a JSON record (%v); skipped\n", line, err)
			continue
		}
		byKind[r.s("kind")] = append(byKind[r.s("kind")], r)
	}
	machine(byKind["machine"])
	loaderTables(byKind["loader"])
	neo4jLoad(byKind["neo4j-load"])
	roundTrips(byKind["roundtrips"])
	api(byKind["api"])
}

func table(head []string, rows [][]string) {
	fmt.Println("| " + strings.Join(head, " | ") + " |")
	seps := make([]string, len(head))
	for i := range seps {
		seps[i] = "---:"
		if i == 0 {
			seps[i] = "---"
		}
	}
	fmt.Println("| " + strings.Join(seps, " | ") + " |")
	for _, r := range rows {
		fmt.Println("| " + strings.Join(r, " | ") + " |")
	}
	fmt.Println()
}

func machine(rs []rec) {
	if len(rs) == 0 {
		return
	}
	r := rs[len(rs)-1]
	fmt.Println("### Machine")
	fmt.Println()
	keys := []string{"date", "commit", "cpu", "nproc", "memory", "go", "node", "neo4j", "load_avg", "command"}
	var rows [][]string
	for _, k := range keys {
		if v, ok := r[k]; ok {
			rows = append(rows, []string{k, fmt.Sprint(v)})
		}
	}
	table([]string{"", ""}, rows)
}

func corpusName(r rec) string {
	c := r.s("corpus")
	if i := strings.LastIndex(c, "/"); i >= 0 {
		c = c[i+1:]
	}
	return c
}

func loaderTables(rs []rec) {
	if len(rs) == 0 {
		return
	}
	sort.SliceStable(rs, func(a, b int) bool {
		if rs[a].i("docs") != rs[b].i("docs") {
			return rs[a].i("docs") < rs[b].i("docs")
		}
		if rs[a].i("shards") != rs[b].i("shards") {
			return rs[a].i("shards") < rs[b].i("shards")
		}
		return rs[a].i("procs") < rs[b].i("procs")
	})
	fmt.Println("### Loader throughput and memory")
	fmt.Println()
	var rows [][]string
	for _, r := range rs {
		mode := fmt.Sprintf("GOMAXPROCS=%d", r.i("procs"))
		if r.i("shards") > 1 {
			mode = fmt.Sprintf("%d shards ∥ (not one graph)", r.i("shards"))
		}
		rows = append(rows, []string{
			corpusName(r), fmt.Sprint(r.i("docs")), fmt.Sprintf("%.1f", r.f("bytes")/1e6), mode,
			fmt.Sprintf("%.2f", r.f("mb_per_s")), fmt.Sprintf("%.2f", r.f("mb_per_cpu_s")), fmt.Sprintf("%.0f", r.f("docs_per_s")),
			fmt.Sprintf("%.2f", r.f("wall_s")), fmt.Sprint(r.i("nodes")), fmt.Sprint(r.i("edges")),
			fmt.Sprintf("%.0f", r.f("alloc_mb")), fmt.Sprintf("%.0f", r.f("peak_heap_mb")), fmt.Sprintf("%.0f", r.f("peak_rss_mb")),
			fmt.Sprintf("%.1f", r.f("load_avg_start")),
		})
	}
	table([]string{"corpus", "docs", "MB", "mode", "MB/s (wall)", "MB/s per CPU-second", "docs/s", "s per load", "nodes", "edges", "allocated MB", "peak heap MB", "peak RSS MB", "load avg"}, rows)

	// how the cost grows: time per document and per MB on one core, relative to the
	// smallest generated corpus
	var one []rec
	for _, r := range rs {
		if r.i("procs") == 1 && r.i("shards") == 1 && strings.Contains(r.s("corpus"), "gen") {
			one = append(one, r)
		}
	}
	speedups(rs)
	if len(one) == 0 {
		return
	}
	fmt.Println("Scaling on one core (generated corpora): CPU time per document and per MB, relative to the smallest.")
	fmt.Println()
	base := one[0]
	bPerMB := base.f("cpu_s") / (base.f("bytes") / 1e6)
	rows = nil
	for _, r := range one {
		perDoc := r.f("cpu_s") / r.f("docs") * 1e3
		perMB := r.f("cpu_s") / (r.f("bytes") / 1e6)
		rows = append(rows, []string{fmt.Sprint(r.i("docs")), fmt.Sprintf("%.2f", perDoc), fmt.Sprintf("%.2f", perMB),
			fmt.Sprintf("%.2f×", perMB/bPerMB), fmt.Sprintf("%.1f", float64(r.i("nodes")+r.i("edges"))/r.f("docs")),
			fmt.Sprintf("%.2f", r.f("peak_heap_mb")/(r.f("bytes")/1e6))})
	}
	table([]string{"docs", "CPU ms per doc", "CPU s per MB", "per MB vs smallest", "nodes+edges per doc", "peak heap per input MB"}, rows)
}

// speedups prints, per corpus, the wall-clock time of one load on all cores against one
// core: what a second core buys.
func speedups(rs []rec) {
	type pair struct{ one, all rec }
	byCorpus := map[string]*pair{}
	var order []string
	for _, r := range rs {
		if r.i("shards") != 1 {
			continue
		}
		c := corpusName(r)
		p := byCorpus[c]
		if p == nil {
			p = &pair{}
			byCorpus[c] = p
			order = append(order, c)
		}
		if r.i("procs") == 1 {
			p.one = r
		} else if p.all == nil || r.i("procs") > p.all.i("procs") {
			p.all = r
		}
	}
	var rows [][]string
	for _, c := range order {
		p := byCorpus[c]
		if p.one == nil || p.all == nil {
			continue
		}
		rows = append(rows, []string{c, fmt.Sprint(p.all.i("procs")), fmt.Sprintf("%.2f", p.one.f("wall_s")), fmt.Sprintf("%.2f", p.all.f("wall_s")),
			fmt.Sprintf("%.2f×", p.one.f("wall_s")/p.all.f("wall_s"))})
	}
	if len(rows) == 0 {
		return
	}
	fmt.Println("Speed-up of one load on all cores against GOMAXPROCS=1 (wall clock).")
	fmt.Println()
	table([]string{"corpus", "cores", "s per load, 1 core", "s per load, all cores", "speed-up"}, rows)
}

func neo4jLoad(rs []rec) {
	if len(rs) == 0 {
		return
	}
	fmt.Println("### Neo4j load (store/neo4j Replace)")
	fmt.Println()
	var rows [][]string
	for _, r := range rs {
		done := "yes"
		if r["complete"] != true {
			done = fmt.Sprintf("no: stopped at %d of %d (%s)", r.i("written"), r.i("elements"), r.s("error"))
		}
		rows = append(rows, []string{corpusName(r), fmt.Sprint(r.i("docs")), r.s("run"), fmt.Sprint(r.i("nodes")), fmt.Sprint(r.i("edges")),
			fmt.Sprintf("%.1f", r.f("seconds")), fmt.Sprintf("%.0f", r.f("elements_ps")), fmt.Sprint(r.i("statements")), done,
			fmt.Sprintf("%.1f", r.f("load_avg"))})
	}
	table([]string{"corpus", "docs", "run", "nodes", "edges", "seconds", "elements/s", "statements", "complete", "load avg"}, rows)
}

func roundTrips(rs []rec) {
	if len(rs) == 0 {
		return
	}
	fmt.Println("### Store round trips per query")
	fmt.Println()
	var rows [][]string
	for _, r := range rs {
		st := "–"
		if _, ok := r["statements"]; ok {
			st = fmt.Sprint(r.i("statements"))
		}
		rows = append(rows, []string{r.s("query"), r.s("store"), fmt.Sprint(r.i("levels")), fmt.Sprint(r.i("store_calls")), st, r.s("calls")})
	}
	table([]string{"query", "store", "nesting levels", "store calls", "Cypher statements", "calls"}, rows)
}

// api prints, per query and concurrency, every server side by side.
// api prints the API cells. A run of several rounds (bench/run.sh, BENCH_ROUNDS) measures
// every cell once a round, the two servers of a ratio side by side; a cell then shows its
// median round, a ratio is the median of the rounds' ratios, with their range, and a
// cell's errors are those of every round: one round's errors are never hidden by a median.
func api(rs []rec) {
	if len(rs) == 0 {
		return
	}
	type key struct {
		q string
		c int
	}
	cells := map[key]map[string][]rec{}
	var keys []key
	var servers []string
	rounds := 1
	for _, r := range rs {
		k := key{r.s("query"), r.i("conc")}
		if cells[k] == nil {
			cells[k] = map[string][]rec{}
			keys = append(keys, k)
		}
		cells[k][r.s("server")] = append(cells[k][r.s("server")], r)
		rounds = max(rounds, len(cells[k][r.s("server")]))
		if !slices.Contains(servers, r.s("server")) {
			servers = append(servers, r.s("server"))
		}
	}
	order := []string{"floor", "memory", "neo4j", "neo4j-graphql"}
	slices.SortStableFunc(servers, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
	fmt.Println("### API: throughput (requests/s) and latency (p50 / p99 ms)")
	fmt.Println()
	if rounds > 1 {
		fmt.Printf("%d rounds: a cell is its median round; a ratio is the median of the rounds' ratios (lowest–highest).\n\n", rounds)
	}
	head := []string{"query", "conc"}
	for _, s := range servers {
		head = append(head, s)
	}
	if slices.Contains(servers, "floor") && slices.Contains(servers, "memory") {
		head = append(head, "memory / floor")
	}
	if slices.Contains(servers, "neo4j") && slices.Contains(servers, "neo4j-graphql") {
		head = append(head, "neo4j / neo4j-graphql")
	}
	var rows [][]string
	for _, k := range keys {
		row := []string{k.q, fmt.Sprint(k.c)}
		for _, s := range servers {
			rounds, ok := cells[k][s]
			if !ok {
				row = append(row, "–")
				continue
			}
			r := medianRound(rounds)
			cell := fmt.Sprintf("%.0f (%s / %s)", r.f("rps"), ms(r.f("p50_ms")), ms(r.f("p99_ms")))
			errors := 0
			for _, r := range rounds {
				errors += r.i("errors")
			}
			if errors > 0 {
				cell += fmt.Sprintf(" **%d errors**", errors)
			}
			row = append(row, cell)
		}
		ratio := func(a, b string, pct bool) string {
			ratios := roundRatios(cells[k][a], cells[k][b])
			if len(ratios) == 0 {
				return "–"
			}
			format := func(v float64) string { return fmt.Sprintf("%.2f×", v) }
			if pct {
				format = func(v float64) string { return fmt.Sprintf("%.0f %%", 100*v) }
			}
			out := format(median(ratios))
			if len(ratios) > 1 {
				out += fmt.Sprintf(" (%s–%s)", strings.TrimSuffix(format(slices.Min(ratios)), " %"), format(slices.Max(ratios)))
			}
			return out
		}
		if slices.Contains(servers, "floor") && slices.Contains(servers, "memory") {
			row = append(row, ratio("memory", "floor", true))
		}
		if slices.Contains(servers, "neo4j") && slices.Contains(servers, "neo4j-graphql") {
			row = append(row, ratio("neo4j", "neo4j-graphql", false))
		}
		rows = append(rows, row)
	}
	table(head, rows)
	// response sizes and sample counts, so that a p99 can be judged
	fmt.Println("Requests measured per cell (its median round) and mean response size (bytes):")
	fmt.Println()
	rows = nil
	for _, k := range keys {
		row := []string{k.q, fmt.Sprint(k.c)}
		for _, s := range servers {
			if rounds, ok := cells[k][s]; ok {
				r := medianRound(rounds)
				row = append(row, fmt.Sprintf("%d req, %d B", r.i("requests"), r.i("bytes")))
			} else {
				row = append(row, "–")
			}
		}
		rows = append(rows, row)
	}
	table(append([]string{"query", "conc"}, servers...), rows)
}

// medianRound is the round of a cell with the median throughput (of an even number, the
// lower of the two middle ones).
func medianRound(rounds []rec) rec {
	sorted := slices.Clone(rounds)
	slices.SortStableFunc(sorted, func(a, b rec) int { return cmp.Compare(a.f("rps"), b.f("rps")) })
	return sorted[(len(sorted)-1)/2]
}

// roundRatios pairs two servers' rounds of a cell by their place (bench/run.sh writes each
// server's rounds in order), and returns each round's ratio of throughputs a / b.
func roundRatios(a, b []rec) []float64 {
	var ratios []float64
	for i := range min(len(a), len(b)) {
		if b[i].f("rps") > 0 {
			ratios = append(ratios, a[i].f("rps")/b[i].f("rps"))
		}
	}
	return ratios
}

// median of values, the mean of the two middle ones for an even number.
func median(values []float64) float64 {
	v := slices.Sorted(slices.Values(values))
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

func ms(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	if v >= 10 {
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
