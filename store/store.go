// Package store defines how the rest of the program reads and writes the graph, whatever
// holds it. Two implementations satisfy it: store/memory (embedded, the default) and
// store/neo4j. Every method is batched — it takes many IDs at once — so that the GraphQL
// layer costs one store round trip per nesting level, and nothing here assumes the graph
// is in this process's memory.
package store

import (
	"context"
	"errors"

	"beleidsgraaf/kg"
)

// Reader answers the questions the API asks.
type Reader interface {
	// Nodes returns the nodes with the given IDs, in the same order; nil where there is none.
	Nodes(ctx context.Context, ids []string) ([]*kg.Node, error)

	// Lookup finds the nodes of a label whose name, abbreviation or alias folds (kg.Fold)
	// to the same key as name, for each name in names. Result i belongs to names[i]; each
	// list is ordered by ID.
	Lookup(ctx context.Context, label kg.Label, names []string) ([][]*kg.Node, error)

	// Neighbours returns, for each ID in q.IDs (result i for q.IDs[i]), the edges of that
	// node that match q, each with the node at its other end, ordered by (Type, other
	// node's sort key, other ID); at most q.First per node, starting after q.After.
	Neighbours(ctx context.Context, q NeighbourQuery) ([][]Neighbour, error)

	// CountNeighbours counts, for each ID in q.IDs, the edges Neighbours would return
	// without First and After.
	CountNeighbours(ctx context.Context, q NeighbourQuery) ([]int, error)

	// List returns one page of the nodes that match q, in q.Order.
	List(ctx context.Context, q ListQuery) (Page, error)

	// Search ranks nodes whose name, aliases, title or text contain the words of q.Text.
	Search(ctx context.Context, q SearchQuery) ([]Hit, error)

	// Subgraph returns the nodes within q.Depth hops of q.ID and the edges among them.
	Subgraph(ctx context.Context, q SubgraphQuery) (*kg.Graph, error)

	// ShortestPath returns one shortest path from one node to another, ignoring direction,
	// as the graph of its nodes and edges; an empty graph when there is none within max.
	ShortestPath(ctx context.Context, from, to string, maxLength int, types []kg.RelType) (*kg.Graph, error)

	// Stats counts nodes per label and edges per type.
	Stats(ctx context.Context) (Stats, error)

	// Ping reports whether the store can answer (for /readyz).
	Ping(ctx context.Context) error
}

// Writer replaces the whole graph. Readers see either the old graph or the new one,
// never a mix, and a failed Replace leaves the old graph in place.
type Writer interface {
	Replace(ctx context.Context, g *kg.Graph) error
}

// Store is both, plus Close.
type Store interface {
	Reader
	Writer
	Close(ctx context.Context) error
}

// ErrUnavailable wraps failures to reach the backing database; the API reports it as
// "store unavailable" without detail.
var ErrUnavailable = errors.New("store unavailable")

// ErrBadCursor is returned for an "after" cursor that this store did not make.
var ErrBadCursor = errors.New("invalid cursor")

// Direction says which end of an edge the queried node is.
type Direction string

const (
	Out  Direction = "OUT"  // the node is the edge's From
	In   Direction = "IN"   // the node is the edge's To
	Both Direction = "BOTH" // either
)

// NeighbourQuery selects edges around many nodes at once.
type NeighbourQuery struct {
	IDs         []string
	Types       []kg.RelType // empty: all types
	Direction   Direction
	OtherLabels []kg.Label // empty: any label at the other end
	First       int        // per node; 0: no limit
	After       string     // cursor from Neighbour.Cursor; applies to every node in IDs
}

// Neighbour is one edge and the node at its other end.
type Neighbour struct {
	Edge   *kg.Edge
	Node   *kg.Node
	Cursor string
}

// ListQuery selects one page of nodes of a label.
type ListQuery struct {
	Label     kg.Label
	Where     *Filter
	Order     []Order // empty: by name key, then ID
	First     int     // 0: no limit
	After     string  // cursor from Page.EndCursor or an item cursor
	WithTotal bool    // compute Page.Total (costs a count)
}

// Page is one page of a list.
type Page struct {
	Nodes       []*kg.Node
	Cursors     []string // Cursors[i] resumes after Nodes[i]
	HasNextPage bool
	Total       int // only when ListQuery.WithTotal
}

// Field is a property a list can be filtered and ordered by.
type Field string

const (
	FieldID      Field = "id"
	FieldName    Field = "name" // the folded name; contains/startsWith also look at aliases
	FieldDate    Field = kg.PropDate
	FieldNumber  Field = kg.PropNumber
	FieldDossier Field = kg.PropDossier
	FieldKind    Field = kg.PropKind
	FieldStatus  Field = kg.PropStatus
	FieldDegree  Field = "degree" // number of edges; order only
)

// Op is a comparison in a filter.
type Op string

const (
	OpEq         Op = "EQ"
	OpIn         Op = "IN"
	OpContains   Op = "CONTAINS"    // folded, on name and aliases for FieldName
	OpStartsWith Op = "STARTS_WITH" // folded, on name and aliases for FieldName
	OpGte        Op = "GTE"
	OpLte        Op = "LTE"
)

// Filter is a tree: exactly one of a comparison (Field, Op, Value), a relation test (Rel),
// or a combination (And, Or, Not) is set. Values are string, int64 or []string/[]int64
// for OpIn.
type Filter struct {
	Field Field
	Op    Op
	Value any

	Rel *RelFilter

	And []*Filter
	Or  []*Filter
	Not *Filter
}

// RelFilter holds for a node with at least one edge of one of Types in Direction whose
// other end matches Other (nil: any node).
type RelFilter struct {
	Types     []kg.RelType
	Direction Direction
	Other     *Filter
}

// Order sorts a list by a field.
type Order struct {
	Field Field
	Desc  bool
}

// SearchQuery is a ranked text search.
type SearchQuery struct {
	Text   string
	Labels []kg.Label // empty: all
	First  int
}

// Hit is one search result.
type Hit struct {
	Node    *kg.Node
	Score   float64
	Snippet string // the matching passage, for documents, or the matching name
}

// SubgraphQuery selects a neighbourhood for visualisation.
type SubgraphQuery struct {
	ID    string
	Depth int
	Types []kg.RelType // empty: all
	Limit int          // most nodes returned; 0: the store's default
}

// Stats counts the graph.
type Stats struct {
	Nodes map[kg.Label]int
	Edges map[kg.RelType]int
}
