package model

import (
	"beleidsgraaf/kg"
	"beleidsgraaf/store"
)

// PageInfo is the GraphQL type PageInfo.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// NewPageInfo builds the page info of a page with the given item cursors.
func NewPageInfo(cursors []string, hasNext, hasPrevious bool) *PageInfo {
	p := &PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrevious}
	if len(cursors) > 0 {
		start, end := cursors[0], cursors[len(cursors)-1]
		p.StartCursor, p.EndCursor = &start, &end
	}
	return p
}

// target is the node at the end of a list or relation edge. The typed GraphQL edge types
// (OrganisationEdge, PersonRelationEdge, ...) bind their `node` field to the As* method of
// their type (see gqlgen.yml); the store query that made the edge was narrowed to that label.
type target struct{ node Node }

func (t target) Node() Node                    { return t.node }
func (t target) AsDocument() *Document         { x, _ := t.node.(*Document); return x }
func (t target) AsPerson() *Person             { x, _ := t.node.(*Person); return x }
func (t target) AsOffice() *Office             { x, _ := t.node.(*Office); return x }
func (t target) AsParty() *Party               { x, _ := t.node.(*Party); return x }
func (t target) AsOrganisation() *Organisation { x, _ := t.node.(*Organisation); return x }
func (t target) AsActionPlan() *ActionPlan     { x, _ := t.node.(*ActionPlan); return x }
func (t target) AsActielijn() *Actielijn       { x, _ := t.node.(*Actielijn); return x }
func (t target) AsAction() *Action             { x, _ := t.node.(*Action); return x }
func (t target) AsProposal() *Proposal         { x, _ := t.node.(*Proposal); return x }
func (t target) AsMotion() *Motion             { x, _ := t.node.(*Motion); return x }
func (t target) AsReport() *Report             { x, _ := t.node.(*Report); return x }
func (t target) AsCommitment() *Commitment     { x, _ := t.node.(*Commitment); return x }
func (t target) AsLegislation() *Legislation   { x, _ := t.node.(*Legislation); return x }
func (t target) AsEvent() *Event               { x, _ := t.node.(*Event); return x }

// Connection backs every top-level list connection (OrganisationConnection, ...).
type Connection struct {
	Edges    []*Edge
	PageInfo *PageInfo
	// TotalCount is only filled when the query selects it.
	TotalCount int
}

// Edge backs every top-level list edge (OrganisationEdge, ...).
type Edge struct {
	target
	cursor string
}

// NewEdges makes the edges of a list page, in a few allocations: the edge of nodes[i] has
// cursor cursors[i], none if cursors is nil.
func NewEdges(nodes []*kg.Node, cursors []string) []*Edge {
	edges, out := make([]Edge, len(nodes)), make([]*Edge, len(nodes))
	w := NewWrapper(len(nodes))
	for i, n := range nodes {
		edges[i].node = w.Wrap(n)
		if cursors != nil {
			edges[i].cursor = cursors[i]
		}
		out[i] = &edges[i]
	}
	return out
}

// Cursor resumes the list after this edge.
func (e *Edge) Cursor() string { return e.cursor }

// RelationConnection backs RelationConnection and every typed relation connection
// (OrganisationRelationConnection, ...).
type RelationConnection struct {
	Edges []*RelationEdge
	// TotalCount is only filled when the query selects it.
	TotalCount int
	// Whether items lie beyond the page, after it and before it.
	HasNextPage, HasPreviousPage bool
}

// PageInfo is made when selected, from the first and last edges' places: most relation
// pages of an answer are not asked for theirs.
func (c *RelationConnection) PageInfo() *PageInfo {
	var ends []string
	if n := len(c.Edges); n > 0 {
		ends = []string{c.Edges[0].Cursor(), c.Edges[n-1].Cursor()}
	}
	return NewPageInfo(ends, c.HasNextPage, c.HasPreviousPage)
}

// RelationEdge is one edge seen from one of its ends.
type RelationEdge struct {
	target
	place store.Neighbour // the edge, its direction, and its cursor, encoded when selected
}

// NewRelationEdges makes the edges of neighbours nbs as seen from the node they are the
// neighbours of.
func NewRelationEdges(nbs []store.Neighbour) []*RelationEdge {
	w := NewWrapper(len(nbs))
	return NewRelationEdgesIn(&w, nbs, make([]RelationEdge, len(nbs)), make([]*RelationEdge, len(nbs)))
}

// NewRelationEdgesIn is NewRelationEdges with the nodes wrapped by w, the edges made in
// edges and listed in out, both of len(nbs).
// The edge itself is not read: its direction is the neighbour's (Incoming), and a page of a
// hundred motions that selects only their nodes reads none of their hundred edges, a cache
// miss each on a large graph.
func NewRelationEdgesIn(w *Wrapper, nbs []store.Neighbour, edges []RelationEdge, out []*RelationEdge) []*RelationEdge {
	for i, nb := range nbs {
		edges[i] = RelationEdge{target: target{w.Wrap(nb.Node)}, place: nb}
		out[i] = &edges[i]
	}
	return out
}

// Relation is the relation this edge is a view of; the edge has no ID of its own, so that
// every ID names one object (normalising client caches key records by ID).
func (e *RelationEdge) Relation() *Relation { return &Relation{e.place.Edge} }
func (e *RelationEdge) Type() RelationType  { return RelationType(e.place.Edge.Type) }
func (e *RelationEdge) From() string        { return e.place.Edge.From }
func (e *RelationEdge) To() string          { return e.place.Edge.To }
func (e *RelationEdge) Cursor() string      { return e.place.Cursor() }
func (e *RelationEdge) Evidence() []kg.Evidence {
	if e.place.Edge.Evidence == nil {
		return []kg.Evidence{}
	}
	return e.place.Edge.Evidence
}

// Direction is OUT when the node asked about is the edge's From.
func (e *RelationEdge) Direction() Direction {
	if !e.place.Incoming {
		return DirectionOut
	}
	return DirectionIn
}

// Subgraph is a small graph for visualisation.
type Subgraph struct {
	Nodes []Node
	Edges []*Relation
}

// NewSubgraph wraps a graph the store returned.
func NewSubgraph(g *kg.Graph) *Subgraph {
	s := &Subgraph{Nodes: []Node{}, Edges: []*Relation{}}
	if g == nil {
		return s
	}
	s.Nodes = make([]Node, 0, len(g.Nodes))
	for i := range g.Nodes {
		if w := Wrap(&g.Nodes[i]); w != nil {
			s.Nodes = append(s.Nodes, w)
		}
	}
	// The relations in one allocation: a neighbourhood has hundreds.
	rels := make([]Relation, len(g.Edges))
	s.Edges = make([]*Relation, len(g.Edges))
	for i := range g.Edges {
		rels[i].e = &g.Edges[i]
		s.Edges[i] = &rels[i]
	}
	return s
}

// Relation is one edge of the graph, the same object whichever end it is seen from: an edge
// of a Subgraph, or the relation of a connection edge.
type Relation struct{ e *kg.Edge }

func (g *Relation) ID() string         { return g.e.ID() }
func (g *Relation) Type() RelationType { return RelationType(g.e.Type) }
func (g *Relation) From() string       { return g.e.From }
func (g *Relation) To() string         { return g.e.To }

// AppendID appends ID() to dst: eager objects (graph/codegen) write a relation's ID
// through it, without making the string (a neighbourhood has some 350 relations).
func (g *Relation) AppendID(dst []byte) []byte {
	return kg.AppendEdgeID(dst, g.e.From, g.e.Type, g.e.To)
}

func (g *Relation) Evidence() []kg.Evidence {
	if g.e.Evidence == nil {
		return []kg.Evidence{}
	}
	return g.e.Evidence
}

// SearchHit is one search result.
type SearchHit struct {
	Node    Node
	Score   float64
	Snippet *string
}

// Stats counts the graph.
type Stats struct {
	Nodes      []*LabelCount
	Edges      []*RelationTypeCount
	TotalNodes int
	TotalEdges int
}

// LabelCount is the number of nodes with a label.
type LabelCount struct {
	Label Label
	Count int
}

// RelationTypeCount is the number of edges of a type.
type RelationTypeCount struct {
	Type  RelationType
	Count int
}

// Involvement is an organisation's role in an actielijn or action: one HOLDS, EXECUTES,
// COMMISSIONED or COORDINATES edge, seen from the actielijn or action.
type Involvement struct {
	edge         *kg.Edge
	organisation *Organisation
}

// NewInvolvement makes the involvement that edge e states of organisation org; nil when
// org is not an organisation.
func NewInvolvement(e *kg.Edge, org *kg.Node) *Involvement {
	o, ok := Wrap(org).(*Organisation)
	if !ok {
		return nil
	}
	return &Involvement{edge: e, organisation: o}
}

func (i *Involvement) Organisation() *Organisation { return i.organisation }
func (i *Involvement) Role() RelationType          { return RelationType(i.edge.Type) }
func (i *Involvement) Evidence() []kg.Evidence {
	if i.edge.Evidence == nil {
		return []kg.Evidence{}
	}
	return i.edge.Evidence
}
