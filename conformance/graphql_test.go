package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"beleidsgraaf/graph"
	"beleidsgraaf/internal/testlock"
	"beleidsgraaf/kg"
	"beleidsgraaf/loader"
	"beleidsgraaf/store"
	"beleidsgraaf/store/memory"
	"beleidsgraaf/store/neo4j"
)

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	if os.Getenv("NEO4J_URI") != "" {
		release, err := testlock.Acquire("neo4j") // the store/neo4j tests use the same database
		if err != nil {
			panic(err)
		}
		code := m.Run()
		release()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// backend is one store under test with a way to count its round trips.
type backend struct {
	name   string
	st     store.Reader
	counts func() int64
}

var (
	corpusOnce  sync.Once
	corpusGraph *kg.Graph
)

func bundledCorpus(t *testing.T) *kg.Graph {
	corpusOnce.Do(func() {
		g, errs := loader.LoadPaths("../corpus")
		if len(errs) > 0 {
			t.Fatalf("loading the corpus: %v", errs)
		}
		corpusGraph = g
	})
	return corpusGraph
}

// backends returns the memory store always and Neo4j when NEO4J_URI is set, both holding
// the bundled corpus.
func backends(t *testing.T) []backend {
	t.Helper()
	ctx := context.Background()
	g := bundledCorpus(t)
	mem := memory.New()
	if err := mem.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	counted := &countingReader{Reader: mem}
	out := []backend{{name: "memory", st: counted, counts: counted.calls.Load}}
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Log("NEO4J_URI not set: comparing against Neo4j is skipped (scripts/neo4j/start.sh starts one)")
		return out
	}
	db, err := neo4j.Open(ctx, neo4j.Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatalf("opening Neo4j: %v", err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })
	if err := db.Replace(ctx, g); err != nil {
		t.Fatalf("loading the corpus into Neo4j: %v", err)
	}
	return append(out, backend{name: "neo4j", st: db, counts: db.Queries})
}

// countingReader counts the memory store's calls; Neo4j counts its own statements.
type countingReader struct {
	store.Reader
	calls atomic.Int64
}

func (c *countingReader) Nodes(ctx context.Context, ids []string) ([]*kg.Node, error) {
	c.calls.Add(1)
	return c.Reader.Nodes(ctx, ids)
}
func (c *countingReader) Lookup(ctx context.Context, l kg.Label, names []string) ([][]*kg.Node, error) {
	c.calls.Add(1)
	return c.Reader.Lookup(ctx, l, names)
}
func (c *countingReader) Neighbours(ctx context.Context, q store.NeighbourQuery) ([][]store.Neighbour, error) {
	c.calls.Add(1)
	return c.Reader.Neighbours(ctx, q)
}
func (c *countingReader) CountNeighbours(ctx context.Context, q store.NeighbourQuery) ([]int, error) {
	c.calls.Add(1)
	return c.Reader.CountNeighbours(ctx, q)
}
func (c *countingReader) List(ctx context.Context, q store.ListQuery) (store.Page, error) {
	c.calls.Add(1)
	return c.Reader.List(ctx, q)
}
func (c *countingReader) Search(ctx context.Context, q store.SearchQuery) ([]store.Hit, error) {
	c.calls.Add(1)
	return c.Reader.Search(ctx, q)
}
func (c *countingReader) Subgraph(ctx context.Context, q store.SubgraphQuery) (*kg.Graph, error) {
	c.calls.Add(1)
	return c.Reader.Subgraph(ctx, q)
}
func (c *countingReader) ShortestPath(ctx context.Context, from, to string, max int, types []kg.RelType) (*kg.Graph, error) {
	c.calls.Add(1)
	return c.Reader.ShortestPath(ctx, from, to, max, types)
}
func (c *countingReader) Stats(ctx context.Context) (store.Stats, error) {
	c.calls.Add(1)
	return c.Reader.Stats(ctx)
}

// post runs one GraphQL query over HTTP and returns the raw response body.
func post(t *testing.T, h http.Handler, query string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// queries are the users' questions and the API's corners, each with the most store round
// trips it may cost (one per nesting level that reaches the store) and text its answer
// must contain (written by hand from the bundled letters).
var queries = []struct {
	name      string
	query     string
	maxTrips  int64
	mustHave  []string
	wantError bool
}{
	{"lookup by alias, accents and case", `{ organisation(name: "coordinatiecentrum tegen mensenhandel") { id name } }`, 1,
		[]string{`"id":"org:comensha"`}, false},
	{"actielijn by number", `{ actielijn(number: 2) { title } }`, 1,
		[]string{`"title":"Vergroten van de meldingsbereidheid"`}, false},
	{"motion by dossier and number", `{ motion(dossier: "28 638", number: 231) { name dateSubmitted dateAdopted status } }`, 1,
		[]string{`"name":"motie-Bikker/Verkuilen"`, `"dateAdopted":"2023-10-03"`}, false},
	{"who holds actielijn 6, with evidence", `{ actielijn(number: 6) { relations(types: [HOLDS], direction: IN) { edges { node { id } evidence { quote document { id } } } } } }`, 3,
		[]string{`"id":"org:fier"`, `"id":"org:defence-for-children"`, `zijn actiehouder van deze actielijn`, `"id":"doc:28638-257"`}, false},
	{"three levels over all organisations", `{ organisations(first: 100) { totalCount edges { node { name holds: relations(types: [HOLDS], direction: OUT) { edges { node { id name relations(types: [PART_OF], direction: OUT) { edges { node { id } } } } } } } } } }`, 4,
		[]string{`"totalCount":`}, false},
	{"documents citing Kamerstuk 28 638, nr. 233", `{ node(id: "doc:28638-233") { ... on Document { citation citedBy(first: 10) { totalCount edges { node { id } } } } } }`, 3,
		[]string{`"id":"doc:kenmerk-6013609"`, `"id":"doc:kenmerk-5155148"`}, false},
	{"a page walk with cursors", `{ motions(first: 3, orderBy: [{field: NUMBER, direction: DESC}]) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, 1,
		[]string{`"hasNextPage":true`}, false},
	{"search across names and text", `{ search(text: "kinderhandel", first: 5) { score snippet node { id } } }`, 1,
		[]string{`"id":"org:ckm"`}, false},
	{"neighbourhood for the explorer", `{ neighbourhood(id: "actielijn:4", depth: 1, limit: 50) { nodes { id label } edges { id type from to } } }`, 1,
		[]string{`"id":"org:dsp-groep"`}, false},
	{"shortest path between two organisations", `{ shortestPath(from: "org:fier", to: "org:vng") { nodes { id } edges { type } } }`, 1,
		[]string{`"id":"org:fier"`, `"id":"org:vng"`}, false},
	{"motions by date submitted", `{ motions(first: 5, where: { dateSubmitted: { gte: "2023-09-01" } }, orderBy: [{field: DATE, direction: DESC}]) { totalCount edges { node { id dateSubmitted } } } }`, 1,
		[]string{`"id":"motion:28638-244"`, `"dateSubmitted":"2023-09-27"`}, false},
	{"the acceptance question", `{ organisation(name: "comensha") { name } actielijn(number: 2) { title } motion(dossier: "28 638", number: 231) { submitters { name } } }`, 3, // three root lookups of different kinds, then one level
		[]string{`"name":"CoMensha"`, `"title":"Vergroten van de meldingsbereidheid"`, `"submitters":[{"name":"Bikker"},{"name":"Verkuilen"}]`}, false},
	{"statistics", `{ stats { nodes { label count } edges { type count } } }`, 1, []string{`"label":"Organisation"`}, false},
	{"an invalid cursor is a clear error", `{ motions(first: 2, after: "not-a-cursor") { edges { node { id } } } }`, 1, []string{`cursor`}, true},
}

func TestGraphQLAnswersAlikeOnBothStores(t *testing.T) {
	bs := backends(t)
	answers := make([]map[string]string, len(bs))
	for i, b := range bs {
		h := graph.NewHandler(b.st, graph.Options{Introspection: true, ComplexityLimit: graph.DefaultComplexityLimit, MaxDepth: graph.DefaultMaxDepth})
		answers[i] = map[string]string{}
		for _, q := range queries {
			t.Run(b.name+"/"+q.name, func(t *testing.T) {
				before := b.counts()
				got := post(t, h, q.query)
				trips := b.counts() - before
				answers[i][q.name] = string(got)
				if trips > q.maxTrips {
					t.Errorf("%d store round trips, at most %d allowed", trips, q.maxTrips)
				}
				hasErrors := bytes.Contains(got, []byte(`"errors"`))
				if hasErrors != q.wantError {
					t.Errorf("errors: %v, want %v: %s", hasErrors, q.wantError, got)
				}
				for _, w := range q.mustHave {
					if !strings.Contains(string(got), w) {
						t.Errorf("answer lacks %s: %.600s", w, got)
					}
				}
				t.Logf("%s: %d round trips", q.name, trips)
			})
		}
	}
	for i := 1; i < len(bs); i++ {
		for _, q := range queries {
			if answers[i][q.name] != answers[0][q.name] {
				t.Errorf("%s answers %q differently from %s:\n%s\n%s", bs[i].name, q.name, bs[0].name, answers[i][q.name], answers[0][q.name])
			}
		}
	}
}
