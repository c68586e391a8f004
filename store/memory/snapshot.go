package memory

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// snapshot is one graph with its indexes. Nothing in it changes after build except its
// caches, each with its own lock. Nodes are numbered by their position in ID order,
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
	byOther  [][]adj            // per node, by the other end's number, then the edge's
	relTypes []kg.RelType       // the edges' types, sorted: an adjacency's typ is its index
	search   *store.SearchIndex
	stats    store.Stats
	orders   orderCache
	subsets  subsetCache // sorted rows that pass a filter's equalities (orders.go)
	columns  columnCache // string properties as columns, for filters (columns.go)
}

// adj is one edge seen from one of its ends. A self-loop is recorded once, as outgoing.
// It holds what a walk or a page of neighbours tests besides the other end, the edge's type
// and whether it is a self-loop, so that they are tested without reading the edge: at
// 10 000 letters half a million edges lie far from the lists, and each edge read was a
// cache miss. Types are numbered in their sorted order, so a list in store.NeighbourKey
// order (type first) is in typ order too.
type adj struct {
	edge  int32
	other int32
	typ   uint16 // the edge's type, as its index in snapshot.relTypes
	in    bool   // the node is the edge's To (and not its From)
	self  bool   // a self-loop
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
	evidence, values := newEvidencePack(g), sharedValues{}
	for i, n := range g.Nodes {
		n.Aliases = cloneOrNil(n.Aliases)
		n.Props = values.in(copyProps(n.Props))
		n.Mentions = evidence.copy(n.Mentions)
		s.nodes[i] = n
	}
	slices.SortFunc(s.nodes, func(a, b kg.Node) int { return strings.Compare(a.ID, b.ID) })
	s.nameKey = make([]string, len(s.nodes))
	s.nameKeys = make([][]string, len(s.nodes))
	docs := make([]*store.SearchDoc, len(s.nodes))
	for i := range s.nodes {
		n, id := &s.nodes[i], int32(i)
		n.Seal()
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
	shared := sharedProps{}
	for i, e := range g.Edges {
		e.From, e.To = s.nodeID(e.From), s.nodeID(e.To)
		e.Props = shared.of(e.Props, values)
		e.Evidence = evidence.copy(e.Evidence)
		s.edges[i] = e
	}
	slices.SortFunc(s.edges, kg.CompareEdges)
	s.relTypes = relTypesOf(s.edges)
	s.adj, s.byOther = s.adjacency()
	for _, e := range s.edges {
		s.stats.Edges[e.Type]++
	}
	s.warm()
	return s
}

// evidencePack holds every node's mentions and every edge's evidence in one array: 1.4
// million sentences at 10 000 letters, in one allocation rather than 600 000 that the
// collector would find and sweep one by one.
type evidencePack struct{ all []kg.Evidence }

func newEvidencePack(g *kg.Graph) *evidencePack {
	n := 0
	for i := range g.Nodes {
		n += len(g.Nodes[i].Mentions)
	}
	for i := range g.Edges {
		n += len(g.Edges[i].Evidence)
	}
	return &evidencePack{all: make([]kg.Evidence, 0, n)}
}

// copy returns a copy of evs in the pack, nil if empty as kg.Builder keeps it. Its capacity
// is its length, so an append to it cannot overwrite the next one's.
func (p *evidencePack) copy(evs []kg.Evidence) []kg.Evidence {
	if len(evs) == 0 {
		return nil
	}
	start := len(p.all)
	p.all = append(p.all, evs...)
	return p.all[start:len(p.all):len(p.all)]
}

// nodeID returns the snapshot's own copy of a node's ID, so that an edge's ends share it
// and the loader's strings can go.
func (s *snapshot) nodeID(id string) string {
	if i, ok := s.byID[id]; ok {
		return s.nodes[i].ID
	}
	return id
}

// sharedProps hands out one copy of each distinct property map whose values are all
// strings. Every edge has exactly such a map, its since date, and there are far fewer dates
// than edges: at 10 000 letters, one map per edge was a quarter of the snapshot (160 MB of
// 524 000 maps) and most of what the collector had to scan. The snapshot is never
// modified, so edges can share a map.
type sharedProps map[string]map[string]any

func (sp sharedProps) of(p map[string]any, values sharedValues) map[string]any {
	key, ok := stringPropsKey(p)
	if !ok {
		return values.in(copyProps(p))
	}
	if m, ok := sp[key]; ok {
		return m
	}
	m := values.in(copyProps(p))
	sp[key] = m
	return m
}

// sharedValues hands out one boxed copy of each short string property value: a node's
// since date, kind, status or dossier is one of a few thousand values, but each node held
// its own box of it (and often its own copy of the string), objects the collector marks
// one by one: 520 000 of the 2.4 million in a snapshot of 10 000 letters.
type sharedValues map[string]any

// maxSharedValue is the longest value shared: longer ones (titles, texts) are seldom equal.
const maxSharedValue = 64

// in makes the short string values of p, a map of the snapshot's own, the shared ones.
func (sv sharedValues) in(p map[string]any) map[string]any {
	for k, v := range p {
		s, ok := v.(string)
		if !ok || len(s) > maxSharedValue {
			continue
		}
		if shared, ok := sv[s]; ok {
			p[k] = shared
		} else {
			sv[s] = v
		}
	}
	return p
}

// stringPropsKey encodes a map whose values are all strings as one string, equal for equal
// maps; false for an empty map or one with any other value.
func stringPropsKey(p map[string]any) (string, bool) {
	if len(p) == 0 {
		return "", false
	}
	keys := make([]string, 0, len(p))
	for k, v := range p {
		if _, ok := v.(string); !ok {
			return "", false
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		v := p[k].(string)
		b.WriteString(strconv.Itoa(len(k)))
		b.WriteByte(':')
		b.WriteString(k)
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	return b.String(), true
}

// relTypesOf returns the types of edges, sorted, each once.
func relTypesOf(edges []kg.Edge) []kg.RelType {
	var types []kg.RelType
	for _, e := range edges {
		if n := len(types); n == 0 || types[n-1] != e.Type {
			types = append(types, e.Type)
		}
	}
	slices.Sort(types)
	return slices.Compact(types)
}

// adjacency returns every node's adjacency list twice: in store.NeighbourKey order, for
// pages of neighbours, and in the order of the other ends' numbers, for walks that want the
// ends with the smallest numbers first (traverse.go). All lists lie in one array. The
// edges are sorted and their types found (relTypes) first.
func (s *snapshot) adjacency() (byKey, byOther [][]adj) {
	degree := make([]int, len(s.nodes))
	ends := make([][2]int32, len(s.edges))
	total := 0
	for i, e := range s.edges {
		from, to := s.byID[e.From], s.byID[e.To]
		ends[i] = [2]int32{from, to}
		degree[from]++
		total++
		if to != from {
			degree[to]++
			total++
		}
	}
	all := make([]adj, 2*total)
	byKey, byOther = make([][]adj, len(s.nodes)), make([][]adj, len(s.nodes))
	at := 0
	for i, d := range degree {
		byKey[i] = all[at : at : at+d]
		at += d
	}
	for i, e := range ends {
		from, to := e[0], e[1]
		t, _ := slices.BinarySearch(s.relTypes, s.edges[i].Type)
		byKey[from] = append(byKey[from], adj{edge: int32(i), other: to, typ: uint16(t), self: to == from})
		if to != from {
			byKey[to] = append(byKey[to], adj{edge: int32(i), other: from, typ: uint16(t), in: true})
		}
	}
	for i, list := range byKey {
		slices.SortFunc(list, func(a, b adj) int { return s.key(int32(i), a).Compare(s.key(int32(i), b)) })
		byOther[i] = all[at : at+len(list) : at+len(list)]
		at += len(list)
		copy(byOther[i], list)
		slices.SortFunc(byOther[i], func(a, b adj) int { return cmp.Or(cmp.Compare(a.other, b.other), cmp.Compare(a.edge, b.edge)) })
	}
	return byKey, byOther
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
