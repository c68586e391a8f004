// Command soak is the load generator of scripts/soak.sh: an open-loop soak of a running
// server at a fixed rate, cycling through five queries the explorer and the README make,
// bounded by a duration and a request count (whichever comes first) and by a cap on
// requests in flight. It prints the requests sent, the errors, latency percentiles and the
// server's resident memory (from its /metrics) at the start, every --sample, and at the end.
//
//	soak --url http://127.0.0.1:8080 --duration 60s --rate 50
//
// A request is an error unless it is answered 200 with a JSON body without "errors" that has
// exactly the bytes of the first answer to the same query (the stores' answers are
// deterministic, so a fast wrong answer is an error too); a tick that finds --max-in-flight
// requests outstanding is counted as an error (shed) too. The exit status is 1 when there
// were errors, 2 for bad flags or an unreachable server.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// queries is the mix: a lookup with evidence, a search, a neighbourhood, a filtered list
// and a nested document query; each a named operation.
var queries = []struct{ name, query string }{
	{"Holds", `query Holds { organisation(name: "comensha") { name holds { edges { node { ... on Actielijn { number title } ... on Action { number title } } evidence { quote document { citation date } } } } } }`},
	{"Search", `query Search { search(text: "mensenhandel", first: 20) { score snippet node { id name } } }`},
	{"Neighbourhood", `query Neighbourhood { neighbourhood(id: "actielijn:6", depth: 2) { nodes { id label name } edges { id type from to } } }`},
	{"Holders", `query Holders { organisations(first: 50, where: {related: {types: [HOLDS], direction: OUT}}) { totalCount edges { node { name holds { totalCount } } } } }`},
	{"Letter", `query Letter { document(id: "doc:kenmerk-5155148") { title date respondsTo { edges { node { ... on Motion { name citation submitters { name party { name } } } ... on Commitment { name } } } } } }`},
}

type result struct {
	query   int
	latency time.Duration
	err     string // "" when the answer is right
}

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server's base URL (GraphQL at /graphql, metrics at /metrics)")
	duration := flag.Duration("duration", 60*time.Second, "how long to send requests")
	rate := flag.Float64("rate", 50, "requests per second")
	maxRequests := flag.Int("max-requests", 0, "stop after this many requests; 0: rate × duration")
	maxInFlight := flag.Int("max-in-flight", 64, "requests outstanding at most; a tick beyond it is shed (an error)")
	timeout := flag.Duration("timeout", 20*time.Second, "time limit per request (the server's is 15 s)")
	sample := flag.Duration("sample", 15*time.Second, "how often to read the server's memory")
	name := flag.String("name", "", "a name for the run in the report")
	prime := flag.Int("prime", 0, "first send each query this many times, one at a time, uncounted (a cold database compiles its plans)")
	flag.Parse()
	if *rate <= 0 || *duration <= 0 || *maxInFlight <= 0 {
		fmt.Fprintln(os.Stderr, "soak: --rate, --duration and --max-in-flight must be positive")
		os.Exit(2)
	}
	limit := *maxRequests
	if limit <= 0 {
		limit = int(*rate * duration.Seconds())
	}
	client := &http.Client{Timeout: *timeout, Transport: &http.Transport{
		MaxIdleConns: *maxInFlight, MaxIdleConnsPerHost: *maxInFlight, IdleConnTimeout: time.Minute,
	}}
	url := strings.TrimRight(*base, "/")

	for range *prime {
		for _, q := range queries {
			body, _ := json.Marshal(map[string]string{"query": q.query, "operationName": q.name})
			if resp, err := client.Post(url+"/graphql", "application/json", bytes.NewReader(body)); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
	}
	rss0, err := memory(client, url)
	if err != nil {
		fmt.Fprintf(os.Stderr, "soak: reading %s/metrics: %v\n", url, err)
		os.Exit(2)
	}
	samples := []memSample{{0, rss0}}

	var (
		mu      sync.Mutex
		results []result
		refs    = make([][]byte, len(queries))
		wg      sync.WaitGroup
		slots   = make(chan struct{}, *maxInFlight)
	)
	record := func(r result) {
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
	}
	send := func(i int) {
		defer wg.Done()
		defer func() { <-slots }()
		q := queries[i]
		body, _ := json.Marshal(map[string]string{"query": q.query, "operationName": q.name})
		start := time.Now()
		req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			record(result{i, time.Since(start), "transport: " + err.Error()})
			return
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		lat := time.Since(start)
		switch {
		case err != nil:
			record(result{i, lat, "reading: " + err.Error()})
		case resp.StatusCode != http.StatusOK:
			record(result{i, lat, "HTTP " + strconv.Itoa(resp.StatusCode)})
		case bytes.Contains(got, []byte(`"errors"`)) || !bytes.HasPrefix(got, []byte(`{"data":{`)):
			record(result{i, lat, "GraphQL errors: " + string(got[:min(len(got), 200)])})
		default:
			mu.Lock()
			if refs[i] == nil {
				refs[i] = got
			}
			same := bytes.Equal(refs[i], got)
			mu.Unlock()
			if !same {
				record(result{i, lat, "answer differs from the first"})
				return
			}
			record(result{i, lat, ""})
		}
	}

	start := time.Now()
	interval := time.Duration(float64(time.Second) / *rate)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	nextSample := start.Add(*sample)
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	sent, shed := 0, 0
loop:
	for sent+shed < limit {
		select {
		case <-ctx.Done():
			break loop
		case now := <-tick.C:
			i := (sent + shed) % len(queries)
			select {
			case slots <- struct{}{}:
				sent++
				wg.Add(1)
				go send(i)
			default:
				shed++
				record(result{i, 0, "shed: too many requests in flight"})
			}
			if now.After(nextSample) {
				nextSample = nextSample.Add(*sample)
				go func(at time.Duration) {
					if rss, err := memory(client, url); err == nil {
						mu.Lock()
						samples = append(samples, memSample{at, rss})
						mu.Unlock()
					}
				}(now.Sub(start))
			}
		}
	}
	elapsed := time.Since(start)
	wg.Wait()
	rss1, err := memory(client, url)
	if err != nil {
		fmt.Fprintf(os.Stderr, "soak: reading the memory at the end: %v\n", err)
	}
	mu.Lock()
	defer mu.Unlock()
	samples = append(samples, memSample{time.Since(start), rss1})
	slices.SortFunc(samples, func(a, b memSample) int { return int(a.at - b.at) })

	report(os.Stdout, *name, results, elapsed, samples)
	for _, r := range results {
		if r.err != "" {
			os.Exit(1)
		}
	}
}

type memSample struct {
	at  time.Duration
	rss float64 // bytes
}

// memory reads process_resident_memory_bytes from the server's /metrics.
func memory(c *http.Client, url string) (float64, error) {
	resp, err := c.Get(url + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return 0, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "process_resident_memory_bytes "); ok {
			return strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
	}
	return 0, fmt.Errorf("no process_resident_memory_bytes in /metrics")
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mb(b float64) string       { return fmt.Sprintf("%.1f MB", b/(1<<20)) }

func report(w io.Writer, name string, results []result, elapsed time.Duration, samples []memSample) {
	var lat []time.Duration
	perQuery := make([][]time.Duration, len(queries))
	errs := map[string]int{}
	example := map[string]string{}
	nerr := 0
	for _, r := range results {
		if r.err != "" {
			nerr++
			kind, _, _ := strings.Cut(r.err, ":")
			errs[kind]++
			if example[kind] == "" {
				example[kind] = queries[r.query].name + ": " + r.err
			}
			continue
		}
		lat = append(lat, r.latency)
		perQuery[r.query] = append(perQuery[r.query], r.latency)
	}
	slices.Sort(lat)
	if name != "" {
		fmt.Fprintf(w, "soak %s\n", name)
	}
	fmt.Fprintf(w, "  requests  %d in %.1f s (%.1f/s), errors %d\n", len(results), elapsed.Seconds(), float64(len(results))/elapsed.Seconds(), nerr)
	for k, n := range errs {
		fmt.Fprintf(w, "    %d × %s, e.g. %.300s\n", n, k, example[k])
	}
	fmt.Fprintf(w, "  latency   p50 %s  p90 %s  p99 %s  max %s\n", ms(percentile(lat, .5)), ms(percentile(lat, .9)), ms(percentile(lat, .99)), ms(percentile(lat, 1)))
	for i, q := range queries {
		l := perQuery[i]
		slices.Sort(l)
		fmt.Fprintf(w, "    %-14s n %-5d p50 %-9s p99 %s\n", q.name, len(l), ms(percentile(l, .5)), ms(percentile(l, .99)))
	}
	var parts []string
	for _, s := range samples {
		parts = append(parts, fmt.Sprintf("%s@%.0fs", mb(s.rss), s.at.Seconds()))
	}
	first, last := samples[0].rss, samples[len(samples)-1].rss
	fmt.Fprintf(w, "  server RSS start %s, end %s (%+.1f%%): %s\n", mb(first), mb(last), (last-first)/first*100, strings.Join(parts, " "))
}
