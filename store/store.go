// Package store defines how the rest of the program reads and writes the graph, whatever
// holds it. Two implementations satisfy it: store/memory (embedded, the default) and
// store/neo4j. Every method is batched — it takes many IDs at once — so that the GraphQL
// layer costs one store round trip per nesting level, and nothing here assumes the graph
// is in this process's memory.
//
// The semantics every implementation shares (ordering, missing values, filters, cursors,
// search ranking) are defined here and in the helpers next to this file, and pinned by the
// conformance suite in store/storetest. Each rule is chosen so that it can be written in
// Cypher as well as in Go; where a rule needs a derived value (folded name keys, the search
// key, degrees), a helper here computes it so that the Neo4j store can store it at Replace.
//
// Nodes and edges returned by a Reader may be shared with the store and with other callers:
// callers must treat them as immutable and never modify them, their Props, Aliases or
// evidence. Empty collections (Aliases, Props, Mentions) come back nil, as kg.Builder makes
// them, so that a graph round-trips with deep equality.
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
	// list is ordered by ID. An empty label looks in every label; a name that folds to ""
	// finds nothing. See NameKeys.
	Lookup(ctx context.Context, label kg.Label, names []string) ([][]*kg.Node, error)

	// Neighbours returns, for each ID in q.IDs (result i for q.IDs[i]), the edges of that
	// node that match q, each with the node at its other end, ordered by (Type, other
	// node's sort key, other ID, outgoing before incoming); at most q.First per node,
	// starting after q.After — or, paging backward, the q.Last that come just before
	// q.Before (or the end), still in that order. An unknown ID yields an empty list. A
	// self-loop is listed once, as outgoing, in every direction. See NeighbourKey.
	Neighbours(ctx context.Context, q NeighbourQuery) ([][]Neighbour, error)

	// CountNeighbours counts, for each ID in q.IDs, the edges Neighbours would return
	// without First and After.
	CountNeighbours(ctx context.Context, q NeighbourQuery) ([]int, error)

	// List returns one page of the nodes that match q, in q.Order (see ListQuery, Filter,
	// EffectiveOrder and CompareSortValues for the exact rules).
	List(ctx context.Context, q ListQuery) (Page, error)

	// Search ranks nodes whose name, aliases, abbreviation, title or (documents) text
	// contain every word of q.Text, with Rank: the rules are in search.go.
	Search(ctx context.Context, q SearchQuery) ([]Hit, error)

	// Subgraph returns the nodes within q.Depth hops of q.ID (edges followed in both
	// directions) and the edges among them; see SubgraphQuery. An unknown ID yields an
	// empty graph. Nodes are in ID order and edges in (From, Type, To) order, as in kg.Graph.
	Subgraph(ctx context.Context, q SubgraphQuery) (*kg.Graph, error)

	// ShortestPath returns one shortest path from one node to another, ignoring direction,
	// as the graph of its nodes and edges; an empty graph when there is none within max.
	//
	// Determinism: of all shortest paths, the one whose sequence of node IDs (from → to)
	// is lexicographically smallest; between two consecutive nodes, the edge with the
	// smallest Type, and of two edges of that type the one pointing along the path. Nodes
	// and edges come in path order (from → to), not in ID order. maxLength counts edges;
	// 0 or less means DefaultMaxPathLength. from == to yields that node alone. Unknown IDs
	// and an empty types list behave as in Subgraph.
	ShortestPath(ctx context.Context, from, to string, maxLength int, types []kg.RelType) (*kg.Graph, error)

	// Stats counts nodes per label and edges per type. Both maps hold every label of
	// kg.Labels and every type of kg.RelTypes, with 0 for those absent.
	Stats(ctx context.Context) (Stats, error)

	// Ping reports whether the store can answer (for /readyz).
	Ping(ctx context.Context) error
}

// Writer replaces the whole graph. Readers see either the old graph or the new one,
// never a mix, and a failed Replace leaves the old graph in place. Replace validates the
// graph (kg.Graph.Validate) and copies it: changing g afterwards does not change the store.
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

// ErrBadCursor is returned for an "after" cursor that this store did not make, or that was
// made for another kind of list or another order. Check with errors.Is.
var ErrBadCursor = errors.New("invalid cursor")

// ErrInvalidQuery is returned (wrapped, with a message fit for an API user) for a query
// this contract does not define: an unknown label, type, field or operator, an operator
// the field does not support, a value of the wrong type, a filter with two things set, a
// negative First. Check with errors.Is.
var ErrInvalidQuery = errors.New("invalid query")

// Defaults for the limits a query leaves at 0.
const (
	DefaultSubgraphLimit = 500 // nodes in a Subgraph
	DefaultMaxPathLength = 6   // edges in a ShortestPath
)

// Direction says which end of an edge the queried node is.
type Direction string

const (
	Out  Direction = "OUT"  // the node is the edge's From
	In   Direction = "IN"   // the node is the edge's To
	Both Direction = "BOTH" // either; "" means Both too
)

// NeighbourQuery selects edges around many nodes at once. Types and OtherLabels must be
// known to kg; First must not be negative (see Validate).
type NeighbourQuery struct {
	IDs         []string
	Types       []kg.RelType // empty: all types
	Direction   Direction
	OtherLabels []kg.Label // empty: any label at the other end
	First       int        // per node; 0: no limit
	After       string     // cursor from Neighbour.Cursor(); applies to every node in IDs
	AsOf        string     // yyyy-mm-dd: only edges and other nodes that exist on that date (ExistsAsOf); "": all
	// Paging backward (Backward): the Last edges (0: all) just before Before (a cursor
	// from Neighbour.Cursor(); "": the end). Not with First or After.
	Last   int
	Before string
	Light  bool // the other nodes may come without mentions and text (see Light reads)
}

// Backward says whether q pages backward.
func (q NeighbourQuery) Backward() bool { return q.Last > 0 || q.Before != "" }

// Neighbour is one edge and the node at its other end.
type Neighbour struct {
	Edge *kg.Edge
	Node *kg.Node
	// What its place in the order (Key) holds besides the edge's type and the node's ID.
	OtherKey string // NameKey of Node
	Incoming bool   // Node is the edge's From (and the edge no self-loop)
}

// Key is the neighbour's place in the order.
func (n Neighbour) Key() NeighbourKey {
	return NeighbourKey{Type: n.Edge.Type, OtherKey: n.OtherKey, OtherID: n.Node.ID, Incoming: n.Incoming}
}

// Cursor is the neighbour's cursor, for NeighbourQuery's After and Before. It is encoded
// when asked for, not with every neighbour read: most queries ask for none, or for a
// page's first and last.
func (n Neighbour) Cursor() string { return EncodeNeighbourCursor(n.Key()) }

// ListQuery selects one page of nodes of a label ("" lists every label).
//
// Paging is keyset paging: After holds the sort values of a row, and the page starts
// strictly after that position in the order, whether or not that row still exists. Paging
// backward, Before holds them and the page is the Last rows strictly before that position
// (or the end of the list), still in list order. A cursor made for another order is refused
// with ErrBadCursor.
type ListQuery struct {
	Label     kg.Label
	Where     *Filter
	Order     []Order // empty: by name key, then ID
	First     int     // 0: no limit
	After     string  // cursor from Page.EndCursor or an item cursor
	Last      int     // paging backward: at most this many (0: no limit); not with First or After
	Before    string  // paging backward: cursor from Page.Cursors[0] or an item cursor
	WithTotal bool    // compute Page.Total (costs a count)
	Light     bool    // nodes may come without mentions and text (see Light reads)
	NoCursors bool    // leave Page.Cursors and EndCursor empty: the caller shows no cursor
}

// Backward says whether q pages backward.
func (q ListQuery) Backward() bool { return q.Last > 0 || q.Before != "" }

// Page is one page of a list.
type Page struct {
	Nodes       []*kg.Node
	Cursors     []string // Cursors[i] resumes after (or, backward, before) Nodes[i]
	EndCursor   string   // the last of Cursors; "" for an empty page
	HasNextPage bool     // paging forward: more rows follow the page
	// HasPreviousPage: paging backward, more rows precede the page.
	HasPreviousPage bool
	Total           int // only when ListQuery.WithTotal: all matches, ignoring the cursors and sizes
}

// Field is a property a list can be filtered and ordered by.
//
// Value kinds: id, name, label, date, dossier, kind and status are strings; number and
// degree are integers (int64). date, dossier, kind, status and number are node properties
// and may be missing (or hold a value of another kind, which counts as missing); id, name
// and degree are always present.
type Field string

const (
	FieldID      Field = "id"
	FieldName    Field = "name"  // the name key, kg.Fold(Name); contains/startsWith also look at aliases and abbreviation
	FieldLabel   Field = "label" // the node's label; filter only, EQ and IN
	FieldDate    Field = kg.PropDate
	FieldNumber  Field = kg.PropNumber
	FieldDossier Field = kg.PropDossier
	FieldKind    Field = kg.PropKind
	FieldStatus  Field = kg.PropStatus
	FieldDegree  Field = "degree" // number of edges, a self-loop counting once; order only
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
// for OpIn (int and []int are accepted for integers). A Filter with nothing set (an empty
// And or Or counts as unset) matches every node; a nil *Filter does too.
//
// Comparison semantics (Normalize prepares the values; stores compare as below):
//
//   - FieldName: EQ, IN, GTE and LTE compare the name key kg.Fold(Name) with the folded
//     value; CONTAINS and STARTS_WITH hold when any of NameKeys (folded name, aliases,
//     abbreviation) contains or starts with the folded value.
//   - FieldID and the string properties (date, dossier, kind, status): exact, case-
//     sensitive string comparison; GTE/LTE are lexical (byte order, so ISO dates compare
//     as dates); CONTAINS/STARTS_WITH are plain substring/prefix tests.
//   - FieldNumber: int64 comparison; EQ, IN, GTE, LTE.
//   - FieldLabel: EQ, IN against the node's label.
//   - A comparison on a missing property is false, and Not of it is true: "not dated
//     after 2024" includes undated nodes. (In Cypher: coalesce(<comparison>, false).)
type Filter struct {
	Field Field
	Op    Op
	Value any
	// AsOf (yyyy-mm-dd), on a FieldStatus comparison only, compares the status the node
	// had on that date instead of its current one: the status of its latest dated status
	// step on or before it (kg.StatusAsOf); a node with no dated step that old has none,
	// and the comparison is false. Lists asked as of a date filter statuses this way.
	AsOf string

	Rel *RelFilter

	And []*Filter
	Or  []*Filter
	Not *Filter
}

// RelFilter holds for a node with at least one edge of one of Types (empty: any type) in
// Direction ("" or Both: either end) whose other end matches Other (nil: any node). A
// self-loop's other end is the node itself. Other may hold further Rel filters: "the
// organisations that hold something PART_OF actielijn 4".
type RelFilter struct {
	Types     []kg.RelType
	Direction Direction
	Other     *Filter
	// AsOf (yyyy-mm-dd): only edges, and nodes at the other end, that exist on that date
	// (ExistsAsOf), as a list asked as of a date sees them; "": all
	AsOf string
}

// Order sorts a list by a field. Every field but label can be ordered by. Missing values
// sort last in both directions (in Cypher: ORDER BY n.f IS NULL, n.f [DESC]). The order is
// always completed with name key ascending and ID ascending as tie-breaks; see
// EffectiveOrder.
type Order struct {
	Field Field
	Desc  bool
}

// SearchQuery is a ranked text search.
type SearchQuery struct {
	Text   string
	Labels []kg.Label // empty: all
	First  int        // 0: every hit
	// NoSnippets leaves Hit.Snippet empty: cutting a snippet out of a document's text costs
	// more than finding it, so the API asks for them only when they are selected.
	NoSnippets bool
	Light      bool // hits may come without mentions and text (see Light reads)
}

// Hit is one search result.
type Hit struct {
	Node    *kg.Node
	Score   float64 // one of the Score* constants: the tier of the match
	Snippet string  // the matching passage, for documents, or the matching name
}

// Light reads: a query with Light set may return its nodes without Mentions and without
// the text property (a store that keeps them at hand returns them all the same). The API
// sets it when the operation selects neither, so that a page of letters or a neighbourhood
// of hubs does not ship their texts and mentions; it never keeps such nodes for other
// fields to read.

// SubgraphQuery selects a neighbourhood for visualisation.
//
// Nodes are taken breadth-first, level by level, each level in ID order, until Limit
// nodes are taken: which nodes make the cut is thus fixed by (depth, ID). Only edges of
// Types are followed and returned.
type SubgraphQuery struct {
	ID    string
	Depth int          // 0: the node alone (with its self-loops); negative counts as 0
	Types []kg.RelType // empty: all
	Limit int          // most nodes returned; 0: DefaultSubgraphLimit
	AsOf  string       // yyyy-mm-dd: only nodes and edges that exist on that date (ExistsAsOf); "": all
	Light bool         // nodes may come without mentions and text (see Light reads)
	// NamesOnly: the nodes may come with their ID, Label and Name alone (no Aliases, Props,
	// Mentions); EndsOnly: the edges with their Type, From and To alone (no Evidence,
	// Props). The API sets them when the operation selects nothing else of them (a
	// neighbourhood drawn as a graph), so that a store that must ship what it returns ships
	// what is asked; a store that keeps them at hand returns them all the same. Such nodes
	// and edges are for this read only.
	NamesOnly bool
	EndsOnly  bool
}

// Stats counts the graph.
type Stats struct {
	Nodes map[kg.Label]int
	Edges map[kg.RelType]int
}
