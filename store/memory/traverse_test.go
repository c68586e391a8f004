package memory

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// TestSubgraphAgreesWithScan: neighbourhoods walked through the ends in number order, cut
// early at the limit, and their edges found by galloping from hubs, are what testing every
// edge of the graph level by level gives: every depth, limits that cut a level or not,
// types, dates, around hubs and small nodes.
func TestSubgraphAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	dates := []string{"", "2020-01-01", "2022-01-01", "2024-01-01"}
	const n, hubs = 300, 3
	pick := func() (int, int) {
		if r.IntN(2) == 0 {
			return r.IntN(hubs), r.IntN(n) // hubs, with hundreds of edges
		}
		return r.IntN(n), r.IntN(n)
	}
	since := func() map[string]any {
		if d := dates[r.IntN(len(dates))]; d != "" {
			return map[string]any{kg.PropSince: d}
		}
		return nil
	}
	g, st := randomGraph(t, r, n, 2500, pick, since)
	types, id := testTypes, testNodeID
	ctx := context.Background()
	nodeOf := map[string]*kg.Node{}
	for i := range g.Nodes {
		nodeOf[g.Nodes[i].ID] = &g.Nodes[i]
	}
	// scan answers q by testing every edge of g at every level.
	scan := func(q store.SubgraphQuery) (nodes, edges []string) {
		root := nodeOf[q.ID]
		if root == nil || !store.ExistsAsOf(root.Since(), q.AsOf) {
			return nil, nil
		}
		accepts := func(e *kg.Edge, other string) bool {
			return (len(q.Types) == 0 || slices.Contains(q.Types, e.Type)) &&
				store.ExistsAsOf(e.Since(), q.AsOf) && store.ExistsAsOf(nodeOf[other].Since(), q.AsOf)
		}
		taken := map[string]bool{q.ID: true}
		nodes, level := []string{q.ID}, []string{q.ID}
		for d := 0; d < q.Depth && len(nodes) < q.Limit && len(level) > 0; d++ {
			inLevel, next := map[string]bool{}, map[string]bool{}
			for _, l := range level {
				inLevel[l] = true
			}
			for i := range g.Edges {
				e := &g.Edges[i]
				if inLevel[e.From] && !taken[e.To] && accepts(e, e.To) {
					next[e.To] = true
				}
				if inLevel[e.To] && !taken[e.From] && accepts(e, e.From) {
					next[e.From] = true
				}
			}
			level = slices.Sorted(func(yield func(string) bool) {
				for k := range next {
					if !yield(k) {
						return
					}
				}
			})
			level = level[:min(len(level), q.Limit-len(nodes))]
			for _, l := range level {
				taken[l] = true
			}
			nodes = append(nodes, level...)
		}
		for i := range g.Edges {
			e := &g.Edges[i]
			if taken[e.From] && taken[e.To] && accepts(e, e.To) {
				edges = append(edges, e.ID())
			}
		}
		slices.Sort(nodes)
		return nodes, edges
	}
	for round := range 3000 {
		q := store.SubgraphQuery{ID: id(r.IntN(n)), Depth: r.IntN(4), Limit: 1 + r.IntN(120)}
		if r.IntN(3) == 0 {
			q.ID = id(r.IntN(hubs))
		}
		if r.IntN(4) == 0 {
			q.Limit = 1000
		}
		if r.IntN(3) == 0 {
			q.Types = []kg.RelType{types[r.IntN(len(types))], types[r.IntN(len(types))]}
		}
		if r.IntN(3) == 0 {
			q.AsOf = dates[1+r.IntN(len(dates)-1)]
		}
		got, err := st.Subgraph(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var gotNodes, gotEdges []string
		for _, nd := range got.Nodes {
			gotNodes = append(gotNodes, nd.ID)
		}
		for _, e := range got.Edges {
			gotEdges = append(gotEdges, e.ID())
		}
		wantNodes, wantEdges := scan(q)
		if !slices.Equal(gotNodes, wantNodes) || !slices.Equal(gotEdges, wantEdges) {
			t.Fatalf("round %d, %+v:\nnodes %v\nwant  %v\nedges %v\nwant  %v", round, q, gotNodes, wantNodes, gotEdges, wantEdges)
		}
	}
}
