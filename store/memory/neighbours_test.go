package memory

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// TestNeighboursAgreeWithScan: pages of neighbours found through the type spans of an
// adjacency list (one type, several, repeated, none, one no edge has, with labels and
// directions, self-loops among them, forward and backward, from cursors on either side)
// are what sorting every edge and testing each gives.
func TestNeighboursAgreeWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	g, st := randomGraph(t, r, 60, 600, func() (int, int) { return r.IntN(60), r.IntN(60) }, func() map[string]any { return nil })
	labels, types := testLabels, append(slices.Clone(testTypes), kg.HoldsOffice) // no edge is HOLDS_OFFICE
	ctx := context.Background()
	// every returns all neighbours of id that q accepts, in key order, by testing each edge.
	every := func(id string, q store.NeighbourQuery) []store.Neighbour {
		var out []store.Neighbour
		for i := range g.Edges {
			e := &g.Edges[i]
			var other string
			var in bool
			switch {
			case e.From == id:
				other = e.To
			case e.To == id:
				other, in = e.From, true
			default:
				continue
			}
			if len(q.Types) > 0 && !slices.Contains(q.Types, e.Type) ||
				q.Direction == store.Out && in || q.Direction == store.In && !in && e.From != e.To {
				continue
			}
			n := g.Node(other)
			if len(q.OtherLabels) > 0 && !slices.Contains(q.OtherLabels, n.Label) {
				continue
			}
			out = append(out, store.Neighbour{Edge: e, Node: n, OtherKey: store.NameKey(n), Incoming: in})
		}
		slices.SortFunc(out, func(a, b store.Neighbour) int { return a.Key().Compare(b.Key()) })
		return out
	}
	line := func(nbs []store.Neighbour) (out []string) {
		for _, nb := range nbs {
			out = append(out, fmt.Sprintf("%s %s %v", nb.Edge.Type, nb.Node.ID, nb.Incoming))
		}
		return out
	}
	for k := range 3000 {
		id := testNodeID(r.IntN(60))
		q := store.NeighbourQuery{IDs: []string{id}, Direction: []store.Direction{store.Both, store.Out, store.In}[r.IntN(3)]}
		for range r.IntN(4) { // 0 to 3 types, repeats allowed
			q.Types = append(q.Types, types[r.IntN(len(types))])
		}
		if r.IntN(4) == 0 {
			q.OtherLabels = []kg.Label{labels[r.IntN(len(labels))]}
		}
		all := every(id, q)
		var want []store.Neighbour
		if k%2 == 0 { // forward, maybe after a cursor
			q.First = r.IntN(6)
			from := 0
			if len(all) > 0 && r.IntN(2) == 0 {
				c := r.IntN(len(all))
				q.After, from = all[c].Cursor(), c+1
			}
			want = all[from:]
			if q.First > 0 {
				want = want[:min(q.First, len(want))]
			}
		} else { // backward, maybe before a cursor
			q.Last = 1 + r.IntN(5)
			to := len(all)
			if len(all) > 0 && r.IntN(2) == 0 {
				c := r.IntN(len(all))
				q.Before, to = all[c].Cursor(), c
			}
			want = all[max(0, to-q.Last):to]
		}
		got, err := st.Neighbours(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := line(got[0]), line(want); !slices.Equal(g, w) {
			t.Fatalf("query %d %+v:\n got %v\nwant %v", k, q, g, w)
		}
		if q.After != "" || q.Before != "" {
			continue
		}
		// Several IDs in one call, one of them twice: each page is its own, whatever the
		// others hold (they share one array).
		other := testNodeID(r.IntN(60))
		all2 := every(other, q)
		want2 := all2
		if q.First > 0 {
			want2 = all2[:min(q.First, len(all2))]
		} else if q.Last > 0 {
			want2 = all2[max(0, len(all2)-q.Last):]
		}
		q.IDs = []string{id, other, "n:none", id}
		got, err = st.Neighbours(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for j, w := range [][]store.Neighbour{want, want2, nil, want} {
			if g, w := line(got[j]), line(w); !slices.Equal(g, w) {
				t.Fatalf("query %d %+v, ID %d:\n got %v\nwant %v", k, q, j, g, w)
			}
		}
		if len(got[0]) > 0 && len(got[1]) > 0 {
			_ = append(got[0], got[0][0]) // an append to one page must not write into the next
			if g, w := line(got[1]), line(want2); !slices.Equal(g, w) {
				t.Fatalf("query %d: appending to the first page changed the second: %v", k, g)
			}
		}
	}
}

var (
	testLabels = []kg.Label{kg.Document, kg.Motion, kg.Organisation}
	testTypes  = []kg.RelType{kg.Mentions, kg.RespondsTo, kg.Cites, kg.Submitted}
)

func testNodeID(i int) string { return fmt.Sprintf("n:%03d", i) }

// randomGraph fills a memory store with n nodes of testLabels, with a random name each, and
// m edges of random testTypes between the ends pick gives (a self-loop now and then), each
// with one sentence of evidence; props gives each node's and edge's properties.
func randomGraph(t *testing.T, r *rand.Rand, n, m int, pick func() (int, int), props func() map[string]any) (*kg.Graph, *Store) {
	t.Helper()
	b := kg.NewBuilder()
	for i := range n {
		b.Node(kg.Node{ID: testNodeID(i), Label: testLabels[i%len(testLabels)], Name: fmt.Sprintf("Naam %d", r.IntN(20)), Props: props()})
	}
	for range m {
		from, to := pick()
		if r.IntN(10) == 0 {
			to = from
		}
		b.Edge(kg.Edge{From: testNodeID(from), Type: testTypes[r.IntN(len(testTypes))], To: testNodeID(to), Props: props(),
			Evidence: []kg.Evidence{{Document: testNodeID(0), Quote: "q", Start: 0, End: 1}}})
	}
	g := b.Graph()
	st := New()
	if err := st.Replace(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	return g, st
}
