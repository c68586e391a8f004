package storetest

import (
	"fmt"
	"sync"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

func mustReplace(t *testing.T, s store.Store, g *kg.Graph) {
	t.Helper()
	if err := s.Replace(ctx, g); err != nil {
		t.Fatalf("Replace: %v", err)
	}
}

// tiny is a valid graph with nothing in common with the fixture.
func tiny() *kg.Graph {
	return &kg.Graph{Nodes: []kg.Node{{ID: "law:richtlijn-2024-1712", Label: kg.Legislation, Name: "Richtlijn (EU) 2024/1712"}}}
}

func testReplaceIdempotent(t *testing.T, s store.Store) {
	mustReplace(t, s, Fixture())
	once := fingerprint(t, s)
	mustReplace(t, s, Fixture())
	equal(t, "after a second Replace", fingerprint(t, s), once)
	testStats(t, s)
	testRoundTrip(t, s)
}

func testReplaceInvalid(t *testing.T, s store.Store) {
	mustReplace(t, s, Fixture())
	before := fingerprint(t, s)
	dangling := Fixture()
	dangling.Edges = append(dangling.Edges, kg.Edge{From: orgCKM, Type: kg.Published, To: "report:nope",
		Evidence: []kg.Evidence{{Document: doc260, Quote: "x", Start: 0, End: 1}}})
	badLabel := Fixture()
	badLabel.Nodes = append(badLabel.Nodes, kg.Node{ID: "x:1", Label: "Nonsense"})
	noEvidence := Fixture()
	noEvidence.Edges[0].Evidence = nil
	for name, g := range map[string]*kg.Graph{"dangling edge": dangling, "unknown label": badLabel, "edge without evidence": noEvidence} {
		t.Run(name, func(t *testing.T) {
			if err := s.Replace(ctx, g); err == nil {
				t.Fatal("Replace accepted an invalid graph")
			}
			equal(t, "the old graph", fingerprint(t, s), before)
			nodes, err := s.Nodes(ctx, []string{orgCKM, "x:1", "report:nope"})
			if err != nil {
				t.Fatal(err)
			}
			equal(t, "nodes", nodeIDs(nodes), strs(orgCKM, "<nil>", "<nil>"))
		})
	}
}

// testReplaceSwap replaces the fixture with an unrelated graph: nothing of the old graph
// may remain in any index.
func testReplaceSwap(t *testing.T, s store.Store) {
	mustReplace(t, s, Fixture())
	mustReplace(t, s, tiny())
	nodes, err := s.Nodes(ctx, []string{orgCKM, "law:richtlijn-2024-1712"})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "nodes", nodeIDs(nodes), strs("<nil>", "law:richtlijn-2024-1712"))
	equal(t, "list", list(t, s, store.ListQuery{Label: kg.Organisation}), strs())
	equal(t, "list all", list(t, s, store.ListQuery{}), strs("law:richtlijn-2024-1712"))
	found, err := s.Lookup(ctx, kg.Organisation, []string{"CKM"})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "lookup", len(found[0]), 0)
	hits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel"})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "search", len(hits), 0)
	counts, err := s.CountNeighbours(ctx, store.NeighbourQuery{IDs: []string{orgJenV}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "neighbours", counts, []int{0})
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "organisations", st.Nodes[kg.Organisation], 0)
	equal(t, "legislation", st.Nodes[kg.Legislation], 1)
	equal(t, "edges", st.Edges[kg.PartOf], 0)

	mustReplace(t, s, Fixture())
	testStats(t, s)
}

// testReplaceCopies changes the graph after Replace: the store must not share it.
func testReplaceCopies(t *testing.T, s store.Store) {
	g := Fixture()
	mustReplace(t, s, g)
	n := g.Node(action17)
	n.Name = "changed"
	n.Props[kg.PropBudgetYears].([]int64)[0] = 1999
	n.Props[kg.PropTitle] = "changed"
	n.Aliases = append(n.Aliases, "changed")
	g.Edges[0].Evidence[0].Quote = "changed"
	got, err := s.Nodes(ctx, []string{action17})
	if err != nil {
		t.Fatal(err)
	}
	checkNodes(t, got...)
	nb, err := s.Neighbours(ctx, store.NeighbourQuery{IDs: []string{g.Edges[0].From}, Direction: store.Out})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range nb[0] {
		checkEdges(t, *x.Edge)
	}
}

// testReplaceConcurrent reads while the graph is replaced back and forth: every read
// sees one whole graph, the fixture or tiny, never a mix.
func testReplaceConcurrent(t *testing.T, s store.Store) {
	mustReplace(t, s, Fixture())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var bad []string
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				st, err := s.Stats(ctx)
				p, err2 := s.List(ctx, store.ListQuery{WithTotal: true})
				if err != nil || err2 != nil {
					mu.Lock()
					bad = append(bad, fmt.Sprintf("error during Replace: %v, %v", err, err2))
					mu.Unlock()
					return
				}
				nodes, edges := 0, 0
				for _, c := range st.Nodes {
					nodes += c
				}
				for _, c := range st.Edges {
					edges += c
				}
				okStats := (nodes == 28 && edges == 31) || (nodes == 1 && edges == 0)
				okList := p.Total == len(p.Nodes) && (p.Total == 28 || p.Total == 1)
				if !okStats || !okList {
					mu.Lock()
					bad = append(bad, "a mixed graph")
					mu.Unlock()
				}
			}
		}()
	}
	for i := range 10 {
		if i%2 == 0 {
			mustReplace(t, s, tiny())
		} else {
			mustReplace(t, s, Fixture())
		}
	}
	close(stop)
	wg.Wait()
	if len(bad) > 0 {
		t.Errorf("readers saw %d bad states, first: %s", len(bad), bad[0])
	}
}

func testClose(t *testing.T, s store.Store) {
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping before Close: %v", err)
	}
	if err := s.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wantErr(t, "Ping after Close", s.Ping(ctx), store.ErrUnavailable)
}
