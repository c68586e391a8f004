package memory

import (
	"context"
	"math/bits"
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
	// Sets of node numbers as bitsets, not maps: a depth-2 neighbourhood of an organisation
	// tests some thousands of edges, and a bitset lists a level's nodes in number order,
	// which is ID order, without sorting them.
	taken, found := newNodeSet(len(sn.nodes)), newNodeSet(len(sn.nodes))
	taken.add(root)
	nodes, level := []int32{root}, []int32{root}
	for d := 0; d < q.Depth && len(nodes) < limit && len(level) > 0; d++ {
		for _, i := range level {
			for _, a := range sn.adj[i] {
				if !taken.has(a.other) && sn.follows(a, store.Both, q.Types) && sn.existsAsOf(a, q.AsOf) {
					taken.add(a.other)
					found.add(a.other)
				}
			}
		}
		start := len(nodes)
		nodes = found.appendTo(nodes, limit-len(nodes)) // in ID order, cut at the limit
		found.clear()
		level = nodes[start:]
	}
	in := newNodeSet(len(sn.nodes))
	for _, i := range nodes {
		in.add(i)
	}
	var edges []int32
	for _, i := range nodes {
		for _, a := range sn.adj[i] {
			// Each edge once: from its From end (a self-loop is recorded there only).
			if !a.in && in.has(a.other) && sn.follows(a, store.Both, q.Types) && sn.existsAsOf(a, q.AsOf) {
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

// nodeSet is a set of node numbers of one snapshot.
type nodeSet []uint64

func newNodeSet(n int) nodeSet { return make(nodeSet, (n+63)/64) }

func (s nodeSet) add(i int32)      { s[i>>6] |= 1 << (i & 63) }
func (s nodeSet) has(i int32) bool { return s[i>>6]&(1<<(i&63)) != 0 }

// appendTo appends the set's first (smallest) max members to dst, in ascending order.
func (s nodeSet) appendTo(dst []int32, max int) []int32 {
	for w, word := range s {
		for ; word != 0 && max > 0; max-- {
			dst = append(dst, int32(w<<6+bits.TrailingZeros64(word)))
			word &= word - 1
		}
		if max <= 0 {
			break
		}
	}
	return dst
}

// clear empties the set.
func (s nodeSet) clear() { clear(s) }
