package neo4j

import (
	"context"
	"reflect"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
	"beleidsgraaf/store/storetest"
)

// TestLightReads: a light List, Neighbours or Subgraph returns the nodes a whole read returns, minus
// their mentions and text, in the same order; a light Search the same hits without them.
func TestLightReads(t *testing.T) {
	s := openTest(t, testConfig(t))
	if err := s.Replace(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	strip := func(ns []*kg.Node) []*kg.Node {
		out := make([]*kg.Node, len(ns))
		for i, n := range ns {
			c := *n
			c.Mentions = nil
			c.Props = map[string]any{}
			for k, v := range n.Props {
				if k != kg.PropText {
					c.Props[k] = v
				}
			}
			out[i] = &c
		}
		return out
	}
	whole, light := wholeAndLight(t, store.ListQuery{Label: kg.Document, WithTotal: true},
		func(q *store.ListQuery) { q.Light = true }, s.List)
	if !reflect.DeepEqual(light.Nodes, strip(whole.Nodes)) || light.Total != whole.Total || len(whole.Nodes) == 0 {
		t.Errorf("List: light %+v\nwhole %+v", light.Nodes, whole.Nodes)
	}
	// A light search without snippets leaves out the mentions and the text (the ranking's
	// text tests run in Neo4j); with snippets, the same hits and snippets.
	wholeHits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel"})
	if err != nil {
		t.Fatal(err)
	}
	lightHits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel", Light: true, NoSnippets: true})
	if err != nil {
		t.Fatal(err)
	}
	snippetHits, err := s.Search(ctx, store.SearchQuery{Text: "mensenhandel", Light: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(wholeHits) == 0 || len(lightHits) != len(wholeHits) || len(snippetHits) != len(wholeHits) {
		t.Fatalf("Search: %d whole hits, %d light, %d light with snippets", len(wholeHits), len(lightHits), len(snippetHits))
	}
	textTier := false
	for i, w := range wholeHits {
		want := store.Hit{Node: strip([]*kg.Node{w.Node})[0], Score: w.Score}
		if !reflect.DeepEqual(lightHits[i], want) {
			t.Errorf("Search: light hit %d %+v, want %+v", i, lightHits[i], want)
		}
		if sh := snippetHits[i]; sh.Node.ID != w.Node.ID || sh.Score != w.Score || sh.Snippet != w.Snippet || sh.Node.Mentions != nil {
			t.Errorf("Search: light hit %d with snippet %+v, want %+v without mentions", i, sh, w)
		}
		textTier = textTier || store.SnippetNeedsText(w.Score)
	}
	if !textTier {
		t.Error("Search: no hit from the text: the test does not test the text's tests")
	}
	nq := store.NeighbourQuery{IDs: []string{"doc:28638-257", "org:comensha"}}
	wholeNbs, lightNbs := wholeAndLight(t, nq, func(q *store.NeighbourQuery) { q.Light = true }, s.Neighbours)
	for i := range wholeNbs {
		if len(wholeNbs[i]) == 0 || len(lightNbs[i]) != len(wholeNbs[i]) {
			t.Fatalf("Neighbours of %s: %d light, %d whole", nq.IDs[i], len(lightNbs[i]), len(wholeNbs[i]))
		}
		for j, w := range wholeNbs[i] {
			l := lightNbs[i][j]
			if !reflect.DeepEqual(l.Node, strip([]*kg.Node{w.Node})[0]) || !reflect.DeepEqual(l.Edge, w.Edge) || l.Cursor() != w.Cursor() {
				t.Errorf("Neighbours of %s, %d: light %+v\nwhole %+v", nq.IDs[i], j, l, w)
			}
		}
	}
	wg, lg := wholeAndLight(t, store.SubgraphQuery{ID: "doc:28638-257", Depth: 1},
		func(q *store.SubgraphQuery) { q.Light = true }, s.Subgraph)
	var wn, ln []*kg.Node
	for i := range wg.Nodes {
		wn = append(wn, &wg.Nodes[i])
	}
	for i := range lg.Nodes {
		ln = append(ln, &lg.Nodes[i])
	}
	if !reflect.DeepEqual(ln, strip(wn)) || !reflect.DeepEqual(lg.Edges, wg.Edges) {
		t.Errorf("Subgraph: light %+v\nwhole %+v", ln, wn)
	}

	// Names only and no evidence: the same nodes (ID, label, name) and edges (type, ends),
	// nothing else of them.
	wg, sg := wholeAndLight(t, store.SubgraphQuery{ID: "actielijn:4", Depth: 2},
		func(q *store.SubgraphQuery) { q.Light, q.NamesOnly, q.EndsOnly = true, true, true }, s.Subgraph)
	if len(wg.Nodes) < 3 || len(sg.Nodes) != len(wg.Nodes) || len(sg.Edges) != len(wg.Edges) {
		t.Fatalf("Subgraph names only: %d nodes and %d edges, whole %d and %d", len(sg.Nodes), len(sg.Edges), len(wg.Nodes), len(wg.Edges))
	}
	for i, w := range wg.Nodes {
		if want := (kg.Node{ID: w.ID, Label: w.Label, Name: w.Name}); !reflect.DeepEqual(sg.Nodes[i], want) {
			t.Errorf("Subgraph names only: node %+v, want %+v", sg.Nodes[i], want)
		}
	}
	for i, w := range wg.Edges {
		if want := (kg.Edge{Type: w.Type, From: w.From, To: w.To}); !reflect.DeepEqual(sg.Edges[i], want) || len(w.Evidence) == 0 {
			t.Errorf("Subgraph without evidence: edge %+v, want %+v (whole: %d evidence)", sg.Edges[i], want, len(w.Evidence))
		}
	}
}

// wholeAndLight reads q, then q made light by light.
func wholeAndLight[Q, R any](t *testing.T, q Q, light func(*Q), read func(context.Context, Q) (R, error)) (whole, lit R) {
	t.Helper()
	whole, err := read(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	light(&q)
	if lit, err = read(ctx, q); err != nil {
		t.Fatal(err)
	}
	return whole, lit
}
