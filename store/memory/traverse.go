package memory

import (
	"context"
	"slices"
	"sort"

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
	if !ok || !store.ExistsAsOf(sn.nodes[root].Since(), q.AsOf) {
		return emptyGraph(), nil
	}
	limit := q.Limit
	if limit == 0 {
		limit = store.DefaultSubgraphLimit
	}
	// Sets of node numbers as bitsets, not maps: a depth-2 neighbourhood of an organisation
	// tests some thousands of edges.
	taken, found := newNodeSet(len(sn.nodes)), newNodeSet(len(sn.nodes))
	taken.add(root)
	nodes, level := []int32{root}, []int32{root}
	for d := 0; d < q.Depth && len(nodes) < limit && len(level) > 0; d++ {
		start := len(nodes)
		nodes = sn.expand(nodes, level, taken, found, limit-len(nodes), q.Types, q.AsOf)
		level = nodes[start:]
	}
	slices.Sort(nodes)
	in := found // empty again after the walk
	for _, i := range nodes {
		in.add(i)
	}
	var edges []int32
	for _, i := range nodes {
		start := len(edges)
		edges = sn.edgesWithin(edges, i, nodes, in, q.Types, q.AsOf)
		// Edge numbers are in (From, Type, To) order and node numbers in ID order, and a
		// node's edges are taken at their From: each node's few follow every earlier
		// node's, and sorting them alone sorts all (sorting all took 5 % of a
		// neighbourhood's instructions).
		slices.Sort(edges[start:])
	}
	return sn.graph(nodes, edges), nil
}

// expand appends to nodes, in ascending order, the need smallest numbers of the nodes not
// taken yet that an edge of one of types joins to a node of level, and takes them. found is
// empty, and is left so. Each level node's ends are walked in number order (byOther) and
// left as soon as they pass the need-th smallest end found so far: around a hub, most of
// its thousands of ends are never looked at.
func (s *snapshot) expand(nodes, level []int32, taken, found nodeSet, need int, types []kg.RelType, asOf string) []int32 {
	best := smallest{max: need}
	for _, i := range level {
		for _, a := range s.byOther[i] {
			if best.full() && a.other >= best.top() {
				break
			}
			if taken.has(a.other) || found.has(a.other) || !s.follows(a, store.Both, types) || !s.existsAsOf(a, asOf) {
				continue
			}
			if out, ok := best.add(a.other); ok {
				found.remove(out)
			}
			found.add(a.other)
		}
	}
	slices.Sort(best.heap)
	for _, i := range best.heap {
		taken.add(i)
		found.remove(i)
	}
	return append(nodes, best.heap...)
}

// edgesWithin appends the edges of one of types from node i to a node of the set (in, and
// nodes in ascending order). A node with many more edges than the set has nodes looks each
// of them up among its ends in number order, rather than testing every edge.
func (s *snapshot) edgesWithin(edges []int32, i int32, nodes []int32, in nodeSet, types []kg.RelType, asOf string) []int32 {
	take := func(a adj) {
		// Each edge once: from its From end (a self-loop is recorded there only).
		if !a.in && s.follows(a, store.Both, types) && s.existsAsOf(a, asOf) {
			edges = append(edges, a.edge)
		}
	}
	list := s.byOther[i]
	if len(list) <= 8*len(nodes) {
		for _, a := range list {
			if in.has(a.other) {
				take(a)
			}
		}
		return edges
	}
	at := 0
	for _, j := range nodes {
		at = seek(list, at, j)
		for ; at < len(list) && list[at].other == j; at++ {
			take(list[at])
		}
	}
	return edges
}

// seek returns the position of the first end in list, in number order, that is at least
// j, knowing every end before from is less than j: it gallops from there and then
// bisects.
func seek(list []adj, from int, j int32) int {
	hi, step := from, 1
	for hi < len(list) && list[hi].other < j {
		from = hi + 1
		hi += step
		step *= 2
	}
	end := min(hi+1, len(list))
	return from + sort.Search(end-from, func(k int) bool { return list[from+k].other >= j })
}

// smallest keeps the max smallest node numbers it is given, in a max-heap. Not
// container/heap: its Push and Pop take an any, which would box every number offered.
type smallest struct {
	heap []int32
	max  int
}

func (s *smallest) full() bool { return len(s.heap) >= s.max }
func (s *smallest) top() int32 { return s.heap[0] }

// add adds i, which is not in the heap yet and, when it is full, is below its top; that
// top then leaves, and is returned.
func (s *smallest) add(i int32) (out int32, left bool) {
	if !s.full() {
		s.heap = append(s.heap, i)
		for c := len(s.heap) - 1; c > 0; {
			p := (c - 1) / 2
			if s.heap[p] >= s.heap[c] {
				break
			}
			s.heap[p], s.heap[c] = s.heap[c], s.heap[p]
			c = p
		}
		return 0, false
	}
	out, s.heap[0] = s.heap[0], i
	for p := 0; ; {
		c := 2*p + 1
		if c >= len(s.heap) {
			break
		}
		if c+1 < len(s.heap) && s.heap[c+1] > s.heap[c] {
			c++
		}
		if s.heap[p] >= s.heap[c] {
			break
		}
		s.heap[p], s.heap[c] = s.heap[c], s.heap[p]
		p = c
	}
	return out, true
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
func (s nodeSet) remove(i int32)   { s[i>>6] &^= 1 << (i & 63) }
func (s nodeSet) has(i int32) bool { return s[i>>6]&(1<<(i&63)) != 0 }
