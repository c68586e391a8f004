package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
)

// Abuse of the API as the server wires it, on the memory store with the bundled corpus:
// Cypher in strings, aliases multiplying expensive fields, batched operations and huge
// variables are each answered as data, refused with a clear error, or bounded. (The same
// strings against Neo4j: store/neo4j TestInjectionLeavesTheGraphAlone.)

type gqlResponse struct {
	Data   map[string]json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func postJSON(t *testing.T, h http.Handler, body any) (int, gqlResponse) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	w := postGraphQL(h, string(b))
	var resp gqlResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
		t.Fatalf("response %.200s: %v", w.Body, err)
	}
	return w.Code, resp
}

func corpusStore(t *testing.T) *memory.Store {
	t.Helper()
	g, errs := loader.LoadPaths("corpus")
	if errs = loader.Failures(errs); len(errs) > 0 {
		t.Fatal(errs)
	}
	st := memory.New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return st
}

// snapshot is everything a reader can see of a store, for "unchanged" checks.
func snapshot(t *testing.T, st store.Reader) (store.Stats, []*kg.Node) {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.List(context.Background(), store.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return s, p.Nodes
}

func TestCypherInStringsIsData(t *testing.T) {
	st := corpusStore(t)
	stats0, nodes0 := snapshot(t, st)
	h := newWebHandler(st, config{Introspection: true, MaxBodyBytes: 1 << 20, Timeout: 5 * time.Second})
	hostile := []string{`") RETURN n //`, `'}) DETACH DELETE n //`, `"}) MATCH (x) DETACH DELETE x //`,
		"x`) DETACH DELETE n //", `*/ MATCH (x) DETACH DELETE x /*`, `$ids`, "org:comensha\" }) SET n.pwned = true //"}
	queries := []string{
		`query($h: String!) { search(text: $h) { node { id } } organisation(name: $h) { id } }`,
		`query($h: String!) { organisations(where: {OR: [{name: {contains: $h}}, {kind: {eq: $h}}]}) { totalCount } }`,
		`query($h: String!) { documents(where: {dossier: {in: [$h]}}) { totalCount } }`,
		`query($h: ID!) { node(id: $h) { id } neighbourhood(id: $h, depth: 2) { nodes { id } } shortestPath(from: $h, to: "org:comensha") { nodes { id } } }`,
	}
	for _, s := range hostile {
		for _, q := range queries {
			code, resp := postJSON(t, h, map[string]any{"query": q, "variables": map[string]any{"h": s}})
			if code != 200 || len(resp.Errors) > 0 || resp.Data == nil {
				t.Errorf("%s with %q: %d %+v", q, s, code, resp.Errors)
			}
		}
	}
	if stats, nodes := snapshot(t, st); !reflect.DeepEqual(stats, stats0) || !reflect.DeepEqual(nodes, nodes0) {
		t.Error("the graph changed")
	}
}

func TestAliasesBatchesAndHugeVariables(t *testing.T) {
	st := corpusStore(t)
	h := newWebHandler(st, config{Introspection: true, MaxBodyBytes: 1 << 20, Timeout: 5 * time.Second})
	refusedWith := func(name string, body any, wantStatus int, wantCode, wantText string) {
		t.Helper()
		code, resp := postJSON(t, h, body)
		if code != wantStatus || len(resp.Errors) != 1 || resp.Data != nil ||
			resp.Errors[0].Extensions["code"] != wantCode || !strings.Contains(resp.Errors[0].Message, wantText) {
			t.Errorf("%s: %d %+v, want %d %s %q", name, code, resp, wantStatus, wantCode, wantText)
		}
	}

	// 100 aliases of search and of neighbourhood, directly and through a fragment.
	var search, hood strings.Builder
	for i := range 100 {
		fmt.Fprintf(&search, "s%d: search(text: \"mensenhandel\", first: 200) { ...H } ", i)
		fmt.Fprintf(&hood, "n%d: neighbourhood(id: $id) { ...S } ", i)
	}
	refusedWith("100 search aliases", map[string]any{"query": "{ " + search.String() + "} fragment H on SearchHit { score node { id } }"},
		200, graph.CodeInputLimit, "100 top-level fields")
	refusedWith("100 neighbourhood aliases", map[string]any{"query": "query($id: ID!) { ...Q } fragment Q on Query { " + hood.String() + "} fragment S on Subgraph { nodes { id } edges { type } }",
		"variables": map[string]any{"id": "org:comensha"}}, 200, graph.CodeInputLimit, "100 top-level fields")
	// At the limit it runs.
	var twenty strings.Builder
	for i := range graph.DefaultMaxRootFields {
		fmt.Fprintf(&twenty, "n%d: neighbourhood(id: \"org:comensha\", depth: 3, limit: 1000) { nodes { id } } ", i)
	}
	if code, resp := postJSON(t, h, map[string]any{"query": "{ " + twenty.String() + "}"}); code != 200 || len(resp.Errors) > 0 || len(resp.Data) != graph.DefaultMaxRootFields {
		t.Errorf("%d neighbourhoods: %d %+v", graph.DefaultMaxRootFields, code, resp.Errors)
	}

	// Batched operations (a JSON array) are not part of GraphQL over HTTP: refused whole.
	batch := make([]map[string]any, 50)
	for i := range batch {
		batch[i] = map[string]any{"query": `{ search(text: "mensenhandel") { score } }`}
	}
	refusedWith("a batch", batch, 400, graph.CodeBadRequest, "the request body must be a JSON object")

	// Huge variables: a long string, a deep filter, a wide filter, a body over the limit.
	q := `query($t: String!, $w: OrganisationWhere) { search(text: $t) { score } organisations(where: $w) { totalCount } }`
	refusedWith("900 kB of search words", map[string]any{"query": q, "variables": map[string]any{"t": strings.Repeat("woord ", 150_000)}},
		200, graph.CodeInputLimit, "a string of 900000 bytes")
	deep := map[string]any{}
	for range 5000 {
		deep = map[string]any{"NOT": deep}
	}
	refusedWith("a filter 5000 deep", map[string]any{"query": q, "variables": map[string]any{"t": "x", "w": deep}},
		200, graph.CodeInputLimit, "nests input objects and lists 5001 deep")
	or := make([]any, 20_000)
	for i := range or {
		or[i] = map[string]any{"name": map[string]any{"contains": fmt.Sprint(i)}}
	}
	refusedWith("20 000 OR branches", map[string]any{"query": q, "variables": map[string]any{"t": "x", "w": map[string]any{"OR": or}}},
		200, graph.CodeInputLimit, "input objects and lists, which exceeds the limit of 100")
	ids := make([]string, 200_000)
	for i := range ids {
		ids[i] = fmt.Sprint("org:", i)
	}
	refusedWith("a body over 1 MB", map[string]any{"query": `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, "variables": map[string]any{"ids": ids}},
		413, graph.CodeRequestTooLarge, "request body too large")
	refusedWith("10 000 ids", map[string]any{"query": `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, "variables": map[string]any{"ids": ids[:10_000]}},
		200, graph.CodeInputLimit, "the arguments' lists hold 10000 values, which exceeds the limit of 1000")
	refusedWith("1000 ids", map[string]any{"query": `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, "variables": map[string]any{"ids": ids[:1000]}},
		200, graph.CodeBadUserInput, "nodes takes at most 500 ids")
}

// TestAttacksOfIssue16: the attacks of issue #16 and their relatives, through the server
// as wired with its default limits on the bundled corpus: each is answered with one error
// and its code, no data, and allocates a bounded amount of memory (runtime.MemStats
// TotalAlloc, an upper bound of what it can have held), six at once.
func TestAttacksOfIssue16(t *testing.T) {
	st := corpusStore(t)
	h := newWebHandler(st, config{Introspection: true, MaxBodyBytes: 1 << 20, Timeout: 15 * time.Second})
	rep := func(s string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = s
		}
		return out
	}
	aliases := func(field string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "a%d: %s ", i, field)
		}
		return b.String()
	}
	// The letter with the longest text.
	var doc string
	p, err := st.List(context.Background(), store.ListQuery{Label: kg.Document})
	if err != nil {
		t.Fatal(err)
	}
	longest := 0
	for _, n := range p.Nodes {
		if text, _ := n.Props[kg.PropText].(string); len(text) > longest {
			doc, longest = n.ID, len(text)
		}
	}
	const mentions = `query($i: [ID!]!) { nodes(ids: $i) { mentions { document { text } } } }`
	for _, tc := range []struct {
		name string
		body map[string]any
		code string
	}{
		{"500 × org:politie → mentions → text", map[string]any{"query": mentions, "variables": map[string]any{"i": rep("org:politie", 500)}}, graph.CodeComplexityLimit},
		{"100 × org:politie → mentions → text", map[string]any{"query": mentions, "variables": map[string]any{"i": rep("org:politie", 100)}}, graph.CodeComplexityLimit},
		{"20 aliases × 500 letters → text", map[string]any{"query": "query($i: [ID!]!) { " + aliases(`nodes(ids: $i) { ... on Document { text } }`, 20) + "}",
			"variables": map[string]any{"i": rep(doc, 500)}}, graph.CodeInputLimit},
		{"2 × 500 letters → text and mentions, through fragments", map[string]any{"query": `query($i: [ID!]!) { ...Q } fragment Q on Query { a: nodes(ids: $i) { ...T } b: nodes(ids: $i) { ...T } } fragment T on Node { mentions { quote } ... on Document { text } }`,
			"variables": map[string]any{"i": rep(doc, 500)}}, graph.CodeResponseTooLarge},
		{"280 aliases of __schema through a fragment", map[string]any{"query": "{ " + aliases(`__schema { ...S }`, 280) + "} fragment S on __Schema { types { name fields { name } } }"}, graph.CodeInputLimit},
		{"20 × neighbourhood(depth 3, limit 1000) with mentions", map[string]any{"query": "{ " + aliases(`neighbourhood(id: "org:politie", depth: 3, limit: 1000) { nodes { id mentions { quote document { title } } } }`, 20) + "}"}, graph.CodeComplexityLimit},
		{"organisations → holds → evidence → text", map[string]any{"query": `{ organisations(first: 1000) { edges { node { holds(first: 500) { edges { evidence { document { text } } } } } } } }`}, graph.CodeComplexityLimit},
		{"an in list of 60 000 IDs, three deep", map[string]any{"query": `query($i: [ID!]) { organisations(where: {related: {other: {related: {other: {related: {other: {id: {in: $i}}}}}}}}) { totalCount } }`,
			"variables": map[string]any{"i": rep("org:x", 60_000)}}, graph.CodeInputLimit},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var wg sync.WaitGroup
		for range 6 {
			wg.Go(func() {
				code, resp := postJSON(t, h, tc.body)
				if code != 200 || resp.Data != nil || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != tc.code {
					t.Errorf("%s: %d %+v, want one %s error", tc.name, code, resp.Errors, tc.code)
				}
			})
		}
		wg.Wait()
		runtime.ReadMemStats(&after)
		grew := (after.TotalAlloc - before.TotalAlloc) >> 20
		if grew > 256 {
			t.Errorf("%s: six at once allocated %d MB", tc.name, grew)
		}
		t.Logf("%s: %s, six at once allocated %d MB", tc.name, tc.code, grew)
	}
}

// TestQueryCacheBoundedByBytes: 300 distinct queries of 1 MB (comments do not count as
// tokens) leave the heap as it was: the parsed-query cache is bounded by bytes.
func TestQueryCacheBoundedByBytes(t *testing.T) {
	h := newWebHandler(testStore(t), config{Introspection: true, MaxBodyBytes: 2 << 20, Timeout: 15 * time.Second})
	pad := strings.Repeat("x", 1<<20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range 300 {
		code, resp := postJSON(t, h, map[string]any{"query": fmt.Sprintf("{ stats { totalNodes } } # %d %s", i, pad)})
		if code != 200 || len(resp.Errors) > 0 {
			t.Fatalf("query %d: %d %+v", i, code, resp.Errors)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := (int64(after.HeapAlloc) - int64(before.HeapAlloc)) >> 20; grew > 64 {
		t.Errorf("the heap grew by %d MB", grew)
	}
}
