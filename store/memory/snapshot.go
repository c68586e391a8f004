package memory

import (
	"maps"
	"slices"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// snapshot is one graph with its indexes. Nothing in it changes after build except the
// order cache, which has its own lock. Nodes are numbered by their position in ID order,
// so sorting node numbers sorts by ID.
type snapshot struct {
	nodes    []kg.Node
	byID     map[string]int32
	nameKey  []string   // store.NameKey per node
	nameKeys [][]string // store.NameKeys per node
	all      []int32    // every node number
	byLabel  map[kg.Label][]int32
	byName   map[string][]int32 // every NameKeys key → nodes, in ID order
	edges    []kg.Edge          // in (From, Type, To) order
	adj      [][]adj            // per node, in store.NeighbourKey order
	search   *store.SearchIndex
	stats    store.Stats
	orders   orderCache
	columns  columnCache // string properties as columns, for filters (columns.go)
}

// adj is one edge seen from one of its ends. A self-loop is recorded once, as outgoing.
type adj struct {
	edge  int32
	other int32
	in    bool // the node is the edge's To (and not its From)
}

// rowsOf returns the nodes of a label in ID order; "" for all nodes. Not to be modified.
func (s *snapshot) rowsOf(label kg.Label) []int32 {
	if label == "" {
		return s.all
	}
	return s.byLabel[label]
}

// degree is the number of edges at node i, a self-loop once.
func (s *snapshot) degree(i int32) int { return len(s.adj[i]) }

func (s *snapshot) key(i int32, a adj) store.NeighbourKey {
	return store.NeighbourKey{Type: s.edges[a.edge].Type, OtherKey: s.nameKey[a.other], OtherID: s.nodes[a.other].ID, Incoming: a.in}
}

// build indexes a validated graph. It copies everything it keeps, so the caller may
// change g afterwards.
func build(g *kg.Graph) *snapshot {
	s := &snapshot{
		nodes:   make([]kg.Node, len(g.Nodes)),
		byID:    make(map[string]int32, len(g.Nodes)),
		byLabel: map[kg.Label][]int32{},
		byName:  map[string][]int32{},
		edges:   make([]kg.Edge, len(g.Edges)),
		stats:   store.NewStats(),
	}
	for i, n := range g.Nodes {
		s.nodes[i] = copyNode(n)
	}
	slices.SortFunc(s.nodes, func(a, b kg.Node) int { return strings.Compare(a.ID, b.ID) })
	s.nameKey = make([]string, len(s.nodes))
	s.nameKeys = make([][]string, len(s.nodes))
	docs := make([]*store.SearchDoc, len(s.nodes))
	for i := range s.nodes {
		n, id := &s.nodes[i], int32(i)
		s.byID[n.ID] = id
		s.all = append(s.all, id)
		s.byLabel[n.Label] = append(s.byLabel[n.Label], id)
		docs[i] = store.NewSearchDoc(n)
		s.nameKey[i] = docs[i].NameKey
		s.nameKeys[i] = store.NameKeys(n)
		for _, k := range s.nameKeys[i] {
			s.byName[k] = append(s.byName[k], id)
		}
		s.stats.Nodes[n.Label]++
	}
	s.search = store.NewSearchIndex(docs)
	for i, e := range g.Edges {
		s.edges[i] = copyEdge(e)
	}
	slices.SortFunc(s.edges, kg.CompareEdges)
	s.adj = make([][]adj, len(s.nodes))
	for i, e := range s.edges {
		from, to := s.byID[e.From], s.byID[e.To]
		s.adj[from] = append(s.adj[from], adj{edge: int32(i), other: to})
		if to != from {
			s.adj[to] = append(s.adj[to], adj{edge: int32(i), other: from, in: true})
		}
		s.stats.Edges[e.Type]++
	}
	for i, list := range s.adj {
		slices.SortFunc(list, func(a, b adj) int { return s.key(int32(i), a).Compare(s.key(int32(i), b)) })
	}
	s.warm()
	return s
}

// copyNode deep-copies a node, keeping empty collections nil as kg.Builder does.
func copyNode(n kg.Node) kg.Node {
	n.Aliases = cloneOrNil(n.Aliases)
	n.Props = copyProps(n.Props)
	n.Mentions = cloneOrNil(n.Mentions)
	return n
}

func copyEdge(e kg.Edge) kg.Edge {
	e.Props = copyProps(e.Props)
	e.Evidence = cloneOrNil(e.Evidence)
	return e
}

func copyProps(p map[string]any) map[string]any {
	if len(p) == 0 {
		return nil
	}
	c := maps.Clone(p)
	for k, v := range c {
		switch x := v.(type) {
		case []string:
			c[k] = slices.Clone(x)
		case []int64:
			c[k] = slices.Clone(x)
		}
	}
	return c
}

func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
