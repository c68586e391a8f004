// Command loadgen is the API load generator of bench/run.sh: closed-loop clients on
// loopback, each sending the next request as soon as the previous answer has been read,
// for each of the five queries of bench/queries at each concurrency. Every run is bounded
// by a request count and a duration, whichever comes first. Prints one JSON record per
// (query, concurrency): throughput, p50/p90/p99 latency, errors, response size.
//
//	loadgen --server memory --url http://127.0.0.1:18080/graphql --conc 1,8,64
//	loadgen --prime bodies.json --url http://127.0.0.1:18080/graphql     (the floor's bodies)
//	loadgen --server floor --dialect floor --url http://127.0.0.1:18082
//	loadgen --server neo4j-graphql --dialect neo4j-graphql --url http://127.0.0.1:18083/graphql
//
// A response counts as an error unless it is 200 with a JSON body that has no "errors"
// member; in our dialect it must also have exactly the bytes the first answer had (the
// store's answers are deterministic), so that a fast wrong answer is not a result.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"beleidsgraaf/bench/internal/benchio"
	"beleidsgraaf/bench/queries"
)

func main() {
	server := flag.String("server", "", "name of the server in the tables")
	url := flag.String("url", "http://127.0.0.1:18080/graphql", "GraphQL endpoint (floor: its base URL)")
	dialect := flag.String("dialect", "ours", "ours, neo4j-graphql or floor")
	concs := flag.String("conc", "1,8,64", "concurrencies")
	maxReq := flag.Int("requests", 20000, "at most this many requests per query and concurrency")
	maxDur := flag.Duration("duration", 10*time.Second, "at most this long per query and concurrency")
	warm := flag.Duration("warmup", 2*time.Second, "warm-up per query (at concurrency 8, not measured)")
	only := flag.String("queries", "all", "comma-separated query names")
	prime := flag.String("prime", "", "only fetch every variant once and write the bodies to this file (for the floor)")
	round := flag.Int("round", 0, "the round of a run of several, recorded with the cells (0: none)")
	flag.Parse()

	qs, err := queries.Select(*only)
	if err != nil {
		fail("%v", err)
	}
	client := &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        1024,
		MaxIdleConnsPerHost: 1024,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}, Timeout: 60 * time.Second}

	if *prime != "" {
		bodies := map[string][]string{}
		for _, q := range qs {
			for _, r := range requests(q, "ours", *url) {
				body, err := do(client, r)
				if err != nil {
					fail("%s: %v", q.Name, err)
				}
				bodies[q.Name] = append(bodies[q.Name], string(body))
			}
			fmt.Fprintf(os.Stderr, "loadgen: %s: %d variants, %d bytes each on average\n", q.Name, len(bodies[q.Name]), avgLen(bodies[q.Name]))
		}
		b, _ := json.Marshal(bodies)
		if err := os.WriteFile(*prime, b, 0o644); err != nil {
			fail("%v", err)
		}
		return
	}

	var cs []int
	for _, f := range strings.Split(*concs, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || c <= 0 {
			fail("bad concurrency %q", f)
		}
		cs = append(cs, c)
	}
	for _, q := range qs {
		reqs := requests(q, *dialect, *url)
		// the reference answers, and a check that the query works at all
		want := make([][]byte, len(reqs))
		for i, r := range reqs {
			body, err := do(client, r)
			if err != nil {
				fail("%s on %s: %v", q.Name, *server, err)
			}
			want[i] = body
		}
		if *dialect != "ours" {
			want = nil // other servers' answers are checked for errors only
		}
		run(client, reqs, want, 8, 1<<30, *warm)
		for _, c := range cs {
			res := run(client, reqs, want, c, *maxReq, *maxDur)
			rec := res.record()
			rec["server"], rec["query"], rec["conc"] = *server, q.Name, c
			rec["load_avg"] = benchio.LoadAvg()
			if *round > 0 {
				rec["round"] = *round
			}
			benchio.Emit(os.Stdout, "api", rec)
			if res.errors > 0 {
				fmt.Fprintf(os.Stderr, "loadgen: %s %s c=%d: %d errors, first: %s\n", *server, q.Name, c, res.errors, res.firstErr)
			}
		}
	}
}

// request is one prepared request: where, and the bytes to POST.
type request struct {
	url  string
	body []byte
}

func requests(q queries.Query, dialect, url string) []request {
	text, vars := q.Ours, q.Vars
	if dialect == "neo4j-graphql" {
		text, vars = q.Neo, q.NeoVar
	}
	out := make([]request, len(vars))
	for i, v := range vars {
		b, err := json.Marshal(map[string]any{"query": text, "variables": v})
		if err != nil {
			panic(err)
		}
		u := url
		if dialect == "floor" {
			// the floor answers by path with our server's answer; the body is our request,
			// so that both read the same bytes
			u = fmt.Sprintf("%s/q/%s/%d", strings.TrimRight(url, "/"), q.Name, i)
		}
		out[i] = request{url: u, body: b}
	}
	return out
}

// do sends one request and returns the body of a good answer.
func do(c *http.Client, r request) ([]byte, error) {
	resp, err := c.Post(r.url, "application/json", bytes.NewReader(r.body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("status %d: %.300s", resp.StatusCode, body)
	}
	if len(body) == 0 || bytes.Contains(body, []byte(`"errors":`)) {
		return body, fmt.Errorf("GraphQL errors: %.300s", body)
	}
	return body, nil
}

type result struct {
	n, errors int
	bytes     int64
	elapsed   time.Duration
	lat       []time.Duration
	firstErr  string
}

// run sends requests from c clients until max requests are done or dur has passed.
func run(client *http.Client, reqs []request, want [][]byte, c, max int, dur time.Duration) result {
	var next atomic.Int64
	var mu sync.Mutex
	var res result
	start := time.Now()
	deadline := start.Add(dur)
	var wg sync.WaitGroup
	for range c {
		wg.Go(func() {
			var lat []time.Duration
			var errs int
			var nbytes int64
			var first string
			for {
				i := int(next.Add(1)) - 1
				if i >= max || time.Now().After(deadline) {
					break
				}
				r := reqs[i%len(reqs)]
				t0 := time.Now()
				body, err := do(client, r)
				d := time.Since(t0)
				if err == nil && want != nil && !bytes.Equal(body, want[i%len(reqs)]) {
					err = fmt.Errorf("answer differs from the first answer (%d vs %d bytes)", len(body), len(want[i%len(reqs)]))
				}
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
				}
				lat = append(lat, d)
				nbytes += int64(len(body))
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			res.errors += errs
			res.bytes += nbytes
			if res.firstErr == "" {
				res.firstErr = first
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.n = len(res.lat)
	return res
}

func (r result) record() benchio.Record {
	slices.Sort(r.lat)
	pct := func(p float64) float64 {
		if len(r.lat) == 0 {
			return 0
		}
		i := int(p * float64(len(r.lat)-1))
		return float64(r.lat[i].Microseconds()) / 1000
	}
	rec := benchio.Record{
		"requests": r.n,
		"errors":   r.errors,
		"seconds":  r.elapsed.Seconds(),
		"rps":      float64(r.n) / r.elapsed.Seconds(),
		"p50_ms":   pct(0.50),
		"p90_ms":   pct(0.90),
		"p99_ms":   pct(0.99),
		"bytes":    0,
	}
	if r.n > 0 {
		rec["bytes"] = r.bytes / int64(r.n)
	}
	return rec
}

func avgLen(xs []string) int {
	t := 0
	for _, x := range xs {
		t += len(x)
	}
	return t / max(1, len(xs))
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "loadgen: "+format+"\n", args...)
	os.Exit(1)
}
