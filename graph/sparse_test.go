package graph_test

import (
	"context"
	"sync"
	"testing"

	"beleidsgraaf/graph"
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// subgraphRecorder records the SubgraphQuery the API asks.
type subgraphRecorder struct {
	store.Reader
	mu sync.Mutex
	qs []store.SubgraphQuery
}

func (r *subgraphRecorder) Subgraph(ctx context.Context, q store.SubgraphQuery) (*kg.Graph, error) {
	r.mu.Lock()
	r.qs = append(r.qs, q)
	r.mu.Unlock()
	return r.Reader.Subgraph(ctx, q)
}

// TestSubgraphAsksWhatIsSelected: a neighbourhood asks the store for names only and no
// evidence exactly when its nodes select nothing but id, label and name, and its edges no
// nothing but id, type and ends, whatever fragments or aliases spell the selection.
func TestSubgraphAsksWhatIsSelected(t *testing.T) {
	rec := &subgraphRecorder{Reader: newStore(t)}
	c := newClient(rec, graph.Options{})
	for _, tc := range []struct {
		query               string
		namesOnly, endsOnly bool
	}{
		{`{ neighbourhood(id: "actielijn:4", depth: 2) { nodes { id label name } edges { id type from to } } }`, true, true},
		{`{ neighbourhood(id: "actielijn:4") { nodes { __typename id } } }`, true, true},
		{`{ neighbourhood(id: "actielijn:4") { nodes { id aliases } edges { id } } }`, false, true},
		{`{ neighbourhood(id: "actielijn:4") { nodes { id ... on Document { title } } } }`, false, true},
		{`{ neighbourhood(id: "actielijn:4") { nodes { id } edges { evidence { quote } } } }`, true, false},
		{`{ neighbourhood(id: "actielijn:4") { a: nodes { id } b: nodes { ... on Node { mentions { quote } } } } }`, false, true},
		{`{ neighbourhood(id: "actielijn:4") { edges { id } x: edges { evidence { quote } } } }`, true, false},
		{`{ neighbourhood(id: "actielijn:4") { edges { type from to since } } }`, true, false},
	} {
		rec.mu.Lock()
		rec.qs = nil
		rec.mu.Unlock()
		mustDo(t, c, tc.query, nil)
		if len(rec.qs) != 1 || rec.qs[0].NamesOnly != tc.namesOnly || rec.qs[0].EndsOnly != tc.endsOnly {
			t.Errorf("%s: subgraph queries %+v, want names only %v, no evidence %v", tc.query, rec.qs, tc.namesOnly, tc.endsOnly)
		}
	}
}
