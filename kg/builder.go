package kg

import (
	"slices"
	"sort"
	"strings"
)

// Builder collects nodes and edges as the loader finds them and merges what is the same
// real-world thing: a node added twice keeps the first value of each property, gathers all
// aliases and all mentions; an edge added twice gathers all evidence.
type Builder struct {
	nodes map[string]*Node
	edges map[edgeKey]*Edge
}

// edgeKey identifies an edge by its ends and type, without building its ID string.
type edgeKey struct {
	from, to string
	t        RelType
}

func NewBuilder() *Builder {
	return &Builder{nodes: map[string]*Node{}, edges: map[edgeKey]*Edge{}}
}

// Node adds or merges a node and returns the stored one.
func (b *Builder) Node(n Node) *Node {
	cur, ok := b.nodes[n.ID]
	if !ok {
		c := n
		c.Props = map[string]any{}
		for k, v := range n.Props {
			c.Props[k] = v
		}
		c.Aliases = nil
		c.Mentions = append([]Evidence(nil), n.Mentions...)
		b.nodes[n.ID] = &c
		cur = &c
		for _, a := range n.Aliases {
			cur.AddAlias(a)
		}
		return cur
	}
	if cur.Name == "" {
		cur.Name = n.Name
	} else if n.Name != "" && n.Name != cur.Name {
		cur.AddAlias(n.Name)
	}
	for _, a := range n.Aliases {
		if !slices.Contains(cur.Aliases, a) {
			cur.AddAlias(a)
		}
	}
	for k, v := range n.Props {
		if _, set := cur.Props[k]; !set {
			cur.Props[k] = v
		}
	}
	cur.Mentions = append(cur.Mentions, n.Mentions...)
	return cur
}

// Get returns the node with the given ID if it was added.
func (b *Builder) Get(id string) *Node { return b.nodes[id] }

// Edge adds or merges an edge.
func (b *Builder) Edge(e Edge) {
	key := edgeKey{from: e.From, to: e.To, t: e.Type}
	cur, ok := b.edges[key]
	if !ok {
		c := e
		c.Props = map[string]any{}
		for k, v := range e.Props {
			c.Props[k] = v
		}
		c.Evidence = append([]Evidence(nil), e.Evidence...)
		b.edges[key] = &c
		return
	}
	for k, v := range e.Props {
		if _, set := cur.Props[k]; !set {
			cur.Props[k] = v
		}
	}
	cur.Evidence = append(cur.Evidence, e.Evidence...)
}

// AddAlias records another name of the node unless it folds to its name or a known alias.
func (n *Node) AddAlias(a string) {
	fa := Fold(a)
	if fa == "" || fa == Fold(n.Name) {
		return
	}
	for _, x := range n.Aliases {
		if Fold(x) == fa {
			return
		}
	}
	n.Aliases = append(n.Aliases, a)
}

// Graph returns the collected graph in canonical order. Edges whose ends were never added
// are dropped: a relation to nothing is no fact.
func (b *Builder) Graph() *Graph {
	g := &Graph{Nodes: make([]Node, 0, len(b.nodes)), Edges: make([]Edge, 0, len(b.edges))}
	for _, n := range b.nodes {
		c := *n
		c.Aliases = append([]string(nil), n.Aliases...)
		sort.Strings(c.Aliases)
		c.Mentions = canonicalEvidence(n.Mentions)
		if len(c.Props) == 0 {
			c.Props = nil
		}
		g.Nodes = append(g.Nodes, c)
	}
	slices.SortFunc(g.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range b.edges {
		if b.nodes[e.From] == nil || b.nodes[e.To] == nil {
			continue
		}
		c := *e
		c.Evidence = canonicalEvidence(e.Evidence)
		if len(c.Props) == 0 {
			c.Props = nil
		}
		g.Edges = append(g.Edges, c)
	}
	slices.SortFunc(g.Edges, CompareEdges)
	return g
}

// TakeGraph is Graph for a builder that is done: it moves the nodes and edges into the
// graph instead of copying them, so that a large load does not need its graph twice at the
// end. The builder is empty afterwards.
func (b *Builder) TakeGraph() *Graph {
	g := &Graph{Nodes: make([]Node, 0, len(b.nodes)), Edges: make([]Edge, 0, len(b.edges))}
	for id, n := range b.nodes {
		sort.Strings(n.Aliases)
		if len(n.Aliases) == 0 {
			n.Aliases = nil
		}
		n.Mentions = canonicalInPlace(n.Mentions)
		if len(n.Props) == 0 {
			n.Props = nil
		}
		g.Nodes = append(g.Nodes, *n)
		b.nodes[id] = nil
	}
	slices.SortFunc(g.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	for key, e := range b.edges {
		delete(b.edges, key)
		if _, ok := b.nodes[e.From]; !ok {
			continue
		}
		if _, ok := b.nodes[e.To]; !ok {
			continue
		}
		e.Evidence = canonicalInPlace(e.Evidence)
		if len(e.Props) == 0 {
			e.Props = nil
		}
		g.Edges = append(g.Edges, *e)
	}
	slices.SortFunc(g.Edges, CompareEdges)
	b.nodes = map[string]*Node{}
	return g
}

// CompareEdges is the canonical edge order of a Graph: (From, Type, To).
func CompareEdges(a, b Edge) int {
	if c := strings.Compare(a.From, b.From); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
		return c
	}
	return strings.Compare(a.To, b.To)
}

func canonicalEvidence(ev []Evidence) []Evidence { return canonicalInPlace(slices.Clone(ev)) }

// canonicalInPlace sorts and deduplicates evidence in its own slice.
func canonicalInPlace(out []Evidence) []Evidence {
	if len(out) == 0 {
		return out
	}
	slices.SortFunc(out, func(a, b Evidence) int {
		if a.less(b) {
			return -1
		}
		if b.less(a) {
			return 1
		}
		return 0
	})
	return slices.Compact(out)
}
