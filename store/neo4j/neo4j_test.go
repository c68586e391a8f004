package neo4j

import (
	"context"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/storetest"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

var ctx = context.Background()

// testConfig is the configuration of the test database, from NEO4J_URI (and optionally
// NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE); without NEO4J_URI the test is skipped.
func testConfig(t testing.TB) Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Skip("NEO4J_URI is not set: skipping the Neo4j store tests (scripts/neo4j/start.sh starts a local Neo4j)")
	}
	return Config{URI: uri, User: os.Getenv("NEO4J_USER"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// openTest opens a store on the test database, closed when the test ends. Tests share the
// database and run one after another; each loads the graph it needs.
func openTest(t testing.TB, cfg Config) *Store {
	t.Helper()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	return s
}

func TestConformance(t *testing.T) {
	cfg := testConfig(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openTest(t, cfg) })
}

// rawCounts counts what the database holds, every generation included.
func rawCounts(t *testing.T, s *Store) (nodes, rels, gens int64) {
	t.Helper()
	recs, err := s.readRaw(ctx, `MATCH (n:Node) OPTIONAL MATCH (n)-[r]->()
RETURN count(DISTINCT n), count(r), count(DISTINCT n._gen)`, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := recs[0].Values
	return v[0].(int64), v[1].(int64), v[2].(int64)
}

// allNodes reads every node of g from the store.
func allNodes(t *testing.T, s store.Reader, g *kg.Graph) []kg.Node {
	t.Helper()
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	got, err := s.Nodes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]kg.Node, len(got))
	for i, n := range got {
		if n == nil {
			t.Fatalf("node %s missing", ids[i])
		}
		out[i] = *n
	}
	return out
}

// allEdges reads every edge of g from the store, through the outgoing neighbours of every
// node, in (From, Type, To) order.
func allEdges(t *testing.T, s store.Reader, g *kg.Graph) []kg.Edge {
	t.Helper()
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	nb, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: ids, Direction: store.Out})
	if err != nil {
		t.Fatal(err)
	}
	out := []kg.Edge{}
	for _, l := range nb {
		for _, n := range l {
			out = append(out, *n.Edge)
		}
	}
	slices.SortFunc(out, kg.CompareEdges)
	return out
}

// TestReplaceTwice loads the same graph twice: the second load leaves one generation in
// the database, with the same counts and every node and edge deep-equal to the input,
// property types included (int64 and float64, bool, empty and nil lists).
func TestReplaceTwice(t *testing.T) {
	s := openTest(t, testConfig(t))
	g := synthGraph(300, 700, 3)
	for i := range 2 {
		if err := s.Replace(ctx, g); err != nil {
			t.Fatalf("Replace #%d: %v", i+1, err)
		}
		nodes, rels, gens := rawCounts(t, s)
		if nodes != int64(len(g.Nodes)) || rels != int64(len(g.Edges)) || gens != 1 {
			t.Errorf("after Replace #%d the database holds %d nodes, %d relationships in %d generations; want %d, %d in 1",
				i+1, nodes, rels, gens, len(g.Nodes), len(g.Edges))
		}
		if got := allNodes(t, s, g); !reflect.DeepEqual(got, g.Nodes) {
			for j := range got {
				if !reflect.DeepEqual(got[j], g.Nodes[j]) {
					t.Fatalf("after Replace #%d node %s:\n got  %#v\n want %#v", i+1, g.Nodes[j].ID, got[j], g.Nodes[j])
				}
			}
		}
		if got := allEdges(t, s, g); !reflect.DeepEqual(got, g.Edges) {
			t.Fatalf("after Replace #%d the edges differ", i+1)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, c := range st.Edges {
			total += c
		}
		if total != len(g.Edges) {
			t.Errorf("Stats counts %d edges, want %d", total, len(g.Edges))
		}
	}
}

// TestReplaceFailsMidway aborts a Replace after its first batch: the old graph stays
// served, whole, and the unfinished generation is removed.
func TestReplaceFailsMidway(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 50
	var progress [][2]int
	cfg.Progress = func(done, total int) { progress = append(progress, [2]int{done, total}) }
	s := openTest(t, cfg)
	old := storetest.Fixture()
	if err := s.Replace(ctx, old); err != nil {
		t.Fatal(err)
	}
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{len(old.Nodes) + len(old.Edges), len(old.Nodes) + len(old.Edges)} {
		t.Errorf("progress %v does not end at the total", progress)
	}
	wantNodes, wantEdges := allNodes(t, s, old), allEdges(t, s, old)
	wantStats, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	next := synthGraph(400, 800, 9)
	boom := errors.New("injected failure")
	batches := 0
	s.afterBatch = func(done, total int) error {
		batches++
		if batches > 1 {
			return boom
		}
		return nil
	}
	if err := s.Replace(ctx, next); !errors.Is(err, boom) {
		t.Fatalf("Replace: %v, want the injected failure", err)
	}
	if batches != 2 {
		t.Errorf("%d batches written, want 2", batches)
	}
	s.afterBatch = nil

	if got := allNodes(t, s, old); !reflect.DeepEqual(got, wantNodes) {
		t.Error("the old nodes changed")
	}
	if got := allEdges(t, s, old); !reflect.DeepEqual(got, wantEdges) {
		t.Error("the old edges changed")
	}
	if st, err := s.Stats(ctx); err != nil || !reflect.DeepEqual(st, wantStats) {
		t.Errorf("Stats %v (%v), want %v", st, err, wantStats)
	}
	found, err := s.Nodes(ctx, []string{next.Nodes[0].ID})
	if err != nil || found[0] != nil {
		t.Errorf("a node of the failed graph is served: %v (%v)", found[0], err)
	}
	if nodes, rels, gens := rawCounts(t, s); nodes != int64(len(old.Nodes)) || rels != int64(len(old.Edges)) || gens != 1 {
		t.Errorf("the database holds %d nodes, %d relationships in %d generations after the failure", nodes, rels, gens)
	}

	// A store that crashed midway leaves the partial generation behind: the next Replace
	// removes it, and still serves exactly the new graph.
	s.afterBatch = func(int, int) error { return boom }
	gen, _, err := s.newGeneration(ctx)
	if err != nil {
		t.Fatal(err)
	}
	batches2, total, err := s.encodeGraph(next)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.writeGeneration(ctx, gen, batches2[:1], total); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	s.afterBatch = nil
	if _, _, gens := rawCounts(t, s); gens != 2 {
		t.Fatalf("%d generations after a simulated crash, want 2", gens)
	}
	if got := allNodes(t, s, old); !reflect.DeepEqual(got, wantNodes) {
		t.Error("the old nodes changed after a simulated crash")
	}
	if err := s.Replace(ctx, next); err != nil {
		t.Fatal(err)
	}
	if nodes, rels, gens := rawCounts(t, s); nodes != int64(len(next.Nodes)) || rels != int64(len(next.Edges)) || gens != 1 {
		t.Errorf("the database holds %d nodes, %d relationships in %d generations; want %d, %d in 1",
			nodes, rels, gens, len(next.Nodes), len(next.Edges))
	}
	if got := allNodes(t, s, next); !reflect.DeepEqual(got, next.Nodes) {
		t.Error("the new nodes do not round-trip")
	}
}

// TestReservedProperty refuses a property name the store uses itself, before writing.
func TestReservedProperty(t *testing.T) {
	s := openTest(t, testConfig(t))
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	before := s.Queries()
	g := storetest.Fixture()
	g.Nodes[0].Props = map[string]any{"_gen": int64(1)}
	if err := s.Replace(ctx, g); err == nil {
		t.Fatal("Replace accepted a reserved property name")
	}
	if s.Queries() != before {
		t.Error("a refused Replace sent statements")
	}
}

// TestOneQueryPerRead counts the statements every Reader method sends for many IDs at
// once: one each.
func TestOneQueryPerRead(t *testing.T) {
	s := openTest(t, testConfig(t))
	g := synthGraph(300, 700, 5)
	if err := s.Replace(ctx, g); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, 100)
	names := make([]string, 0, 50)
	for i := range 100 {
		ids = append(ids, g.Nodes[i*3].ID)
		if i%2 == 0 {
			names = append(names, g.Nodes[i].Name)
		}
	}
	filter := &store.Filter{Or: []*store.Filter{
		{Field: store.FieldDate, Op: store.OpGte, Value: "2020"},
		{Rel: &store.RelFilter{Types: []kg.RelType{kg.Mentions}, Other: &store.Filter{Field: store.FieldLabel, Op: store.OpEq, Value: "Person"}}},
	}}
	calls := []struct {
		name string
		call func() error
	}{
		{"Nodes(100 ids)", func() error { _, err := s.Nodes(ctx, ids); return err }},
		{"Lookup(50 names)", func() error { _, err := s.Lookup(ctx, "", names); return err }},
		{"Neighbours(100 ids, first 3)", func() error {
			_, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: ids, First: 3})
			return err
		}},
		{"CountNeighbours(100 ids)", func() error {
			_, err := s.CountNeighbours(ctx, store.NeighbourQuery{IDs: ids, Types: []kg.RelType{kg.Holds, kg.Cites}})
			return err
		}},
		{"List(filter, total, page 2)", func() error {
			p, err := s.List(ctx, store.ListQuery{Where: filter, First: 20, WithTotal: true})
			if err == nil {
				_, err = s.List(ctx, store.ListQuery{Where: filter, First: 20, After: p.EndCursor, WithTotal: true})
			}
			return err
		}},
		{"Search", func() error {
			_, err := s.Search(ctx, store.SearchQuery{Text: "mensen centrum", First: 10})
			return err
		}},
		{"Subgraph(depth 3)", func() error { _, err := s.Subgraph(ctx, store.SubgraphQuery{ID: ids[0], Depth: 3}); return err }},
		{"ShortestPath", func() error { _, err := s.ShortestPath(ctx, ids[1], ids[50], 0, nil); return err }},
		{"Stats", func() error { _, err := s.Stats(ctx); return err }},
	}
	for _, c := range calls {
		want := int64(1)
		if c.name == "List(filter, total, page 2)" {
			want = 2 // two List calls
		}
		before := s.Queries()
		if err := c.call(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := s.Queries() - before; got != want {
			t.Errorf("%s sent %d statements, want %d", c.name, got, want)
		} else {
			t.Logf("%s: %d statement(s)", c.name, got)
		}
	}
}

// TestReadsDuringReplace reads while graphs of different sizes replace each other, with
// small batches so that deleting the old generation spans many transactions: every read
// sees one whole graph. Reads that overlapped a switch are run again (counted).
func TestReadsDuringReplace(t *testing.T) {
	cfg := testConfig(t)
	cfg.BatchSize = 50
	s := openTest(t, cfg)
	graphs := []*kg.Graph{synthGraph(500, 700, 11), synthGraph(300, 900, 12)}
	if err := s.Replace(ctx, graphs[0]); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var bad, reads atomic.Int64
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				st, err := s.Stats(ctx)
				if err != nil {
					t.Errorf("Stats: %v", err)
					return
				}
				reads.Add(1)
				nodes, edges := 0, 0
				for _, c := range st.Nodes {
					nodes += c
				}
				for _, c := range st.Edges {
					edges += c
				}
				if !(nodes == 500 && edges == 700) && !(nodes == 300 && edges == 900) {
					bad.Add(1)
				}
			}
		})
	}
	for i := range 6 {
		if err := s.Replace(ctx, graphs[(i+1)%2]); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d reads, %d run again after a switch", reads.Load(), s.rereads.Load())
	if bad.Load() > 0 {
		t.Errorf("%d reads saw a mixed graph", bad.Load())
	}
}

// TestOpenUnavailable reports an unreachable database as store.ErrUnavailable.
func TestOpenUnavailable(t *testing.T) {
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := Open(c, Config{URI: "bolt://127.0.0.1:1"})
	if !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Open: %v, want ErrUnavailable", err)
	}
}

// TestOldFormatRefused: a graph loaded in another layout (an earlier version's, which
// recorded no format, or another number) fails CheckFormat with ErrOldFormat, which the
// server turns into a refusal to serve; a load records this version's format again.
func TestOldFormatRefused(t *testing.T) {
	s := openTest(t, testConfig(t))
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckFormat(ctx); err != nil {
		t.Fatalf("a graph just loaded: %v", err)
	}
	setFormat := func(set string) {
		t.Helper()
		if _, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return s.run(ctx, tx, "MATCH (m:Meta {key: $meta}) "+set, map[string]any{"meta": metaKey})
		}); err != nil {
			t.Fatal(err)
		}
	}
	for set, want := range map[string]string{
		"REMOVE m.format":  "its format: none recorded",
		"SET m.format = 1": "its format: 1",
	} {
		setFormat(set)
		err := s.CheckFormat(ctx)
		if !errors.Is(err, ErrOldFormat) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "load it again") {
			t.Errorf("%s: CheckFormat = %v, want ErrOldFormat saying %q", set, err, want)
		}
	}
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckFormat(ctx); err != nil {
		t.Errorf("after loading again: %v", err)
	}
}
