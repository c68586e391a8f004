package memory

import (
	"context"
	"slices"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// Subgraph implements store.Reader: breadth-first, each level in ID order (node numbers
// are in ID order), cut at the limit; then every edge of the asked types among the nodes
// taken.
func (s *Store) Subgraph(ctx context.Context, q store.SubgraphQuery) (*kg.Graph, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	if err := q.Validate(); err != nil {
		return nil, err
	}
	root, ok := sn.byID[q.ID]
	if !ok || !store.ExistsAsOf(sn.nodes[root].Props, q.AsOf) {
		return emptyGraph(), nil
	}
	limit := q.Limit
	if limit == 0 {
		limit = store.DefaultSubgraphLimit
	}
	taken := map[int32]bool{root: true}
	nodes, level := []int32{root}, []int32{root}
	for d := 0; d < q.Depth && len(nodes) < limit && len(level) > 0; d++ {
		var next []int32
		for _, i := range level {
			for _, a := range sn.adj[i] {
				if sn.follows(a, store.Both, q.Types) && sn.existsAsOf(a, q.AsOf) && !taken[a.other] {
					taken[a.other] = true
					next = append(next, a.other)
				}
			}
		}
		slices.Sort(next)
		next = next[:min(len(next), limit-len(nodes))]
		nodes = append(nodes, next...)
		level = next
	}
	in := make(map[int32]bool, len(nodes))
	for _, i := range nodes {
		in[i] = true
	}
	var edges []int32
	for _, i := range nodes {
		for _, a := range sn.adj[i] {
			// Each edge once: from its From end (a self-loop is recorded there only).
			if !a.in && in[a.other] && sn.follows(a, store.Both, q.Types) && sn.existsAsOf(a, q.AsOf) {
				edges = append(edges, a.edge)
			}
		}
	}
	slices.Sort(nodes)
	slices.Sort(edges) // edge numbers are in (From, Type, To) order
	return sn.graph(nodes, edges), nil
}

// ShortestPath implements store.Reader. A breadth-first search from `to` gives every node
// up to the distance of `from` its distance to `to`; walking from `from` to the smallest
// ID one step closer each time then yields the lexicographically smallest shortest path.
func (s *Store) ShortestPath(ctx context.Context, from, to string, maxLength int, types []kg.RelType) (*kg.Graph, error) {
	sn, err := s.snap(ctx)
	if err != nil {
		return nil, err
	}
	if err := store.CheckTypes(types); err != nil {
		return nil, err
	}
	src, ok1 := sn.byID[from]
	dst, ok2 := sn.byID[to]
	if !ok1 || !ok2 {
		return emptyGraph(), nil
	}
	if maxLength <= 0 {
		maxLength = store.DefaultMaxPathLength
	}
	dist := map[int32]int{dst: 0}
	level := []int32{dst}
	for d := 1; d <= maxLength && len(level) > 0; d++ {
		if _, found := dist[src]; found {
			break
		}
		var next []int32
		for _, i := range level {
			for _, a := range sn.adj[i] {
				if _, seen := dist[a.other]; !seen && sn.follows(a, store.Both, types) {
					dist[a.other] = d
					next = append(next, a.other)
				}
			}
		}
		level = next
	}
	if _, found := dist[src]; !found {
		return emptyGraph(), nil
	}
	nodes, edges := []int32{src}, []int32{}
	for cur := src; cur != dst; {
		step := adj{other: -1}
		for _, a := range sn.adj[cur] {
			d, ok := dist[a.other]
			if !ok || d != dist[cur]-1 || !sn.follows(a, store.Both, types) {
				continue
			}
			// Adjacency is in (Type, …, outgoing first) order, so the first edge to a
			// node is the one the contract picks.
			if step.other < 0 || a.other < step.other {
				step = a
			}
		}
		nodes, edges = append(nodes, step.other), append(edges, step.edge)
		cur = step.other
	}
	return sn.graph(nodes, edges), nil
}

// graph copies the given nodes and edges, in the given order, into a kg.Graph. The copies
// are shallow: their Props, Aliases and evidence are the snapshot's own.
func (s *snapshot) graph(nodes, edges []int32) *kg.Graph {
	g := &kg.Graph{Nodes: make([]kg.Node, len(nodes)), Edges: make([]kg.Edge, len(edges))}
	for i, n := range nodes {
		g.Nodes[i] = s.nodes[n]
	}
	for i, e := range edges {
		g.Edges[i] = s.edges[e]
	}
	return g
}

func emptyGraph() *kg.Graph { return &kg.Graph{Nodes: []kg.Node{}, Edges: []kg.Edge{}} }
