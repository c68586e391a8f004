// Package kg holds the domain types of the Beleidsgraaf knowledge graph: the labels and
// relation types of the ontology, nodes, edges, the evidence behind them, and the ID scheme.
// Every other package speaks in these types; kg itself depends on nothing but x/text.
package kg

import (
	"fmt"
	"sort"
)

// Label is the kind of a node, as in ARCHITECTURE.md's ontology.
type Label string

const (
	Document     Label = "Document"
	Person       Label = "Person"
	Office       Label = "Office"
	Party        Label = "Party"
	Organisation Label = "Organisation"
	ActionPlan   Label = "ActionPlan"
	Actielijn    Label = "Actielijn"
	Action       Label = "Action"
	Proposal     Label = "Proposal"
	Motion       Label = "Motion"
	Report       Label = "Report"
	Commitment   Label = "Commitment"
	Legislation  Label = "Legislation"
	Event        Label = "Event"
)

// Labels lists every label in a fixed order (used for schema set-up and statistics).
var Labels = []Label{Document, Person, Office, Party, Organisation, ActionPlan, Actielijn,
	Action, Proposal, Motion, Report, Commitment, Legislation, Event}

// Valid reports whether l is one of the ontology's labels.
func (l Label) Valid() bool {
	for _, x := range Labels {
		if x == l {
			return true
		}
	}
	return false
}

// RelType is the type of an edge, as in ARCHITECTURE.md's ontology.
type RelType string

const (
	SignedBy     RelType = "SIGNED_BY"
	OnBehalfOf   RelType = "ON_BEHALF_OF"
	AddressedTo  RelType = "ADDRESSED_TO"
	Cites        RelType = "CITES"
	RespondsTo   RelType = "RESPONDS_TO"
	Mentions     RelType = "MENTIONS"
	Submitted    RelType = "SUBMITTED"
	MemberOf     RelType = "MEMBER_OF"
	HoldsOffice  RelType = "HOLDS_OFFICE"
	PartOf       RelType = "PART_OF"
	Holds        RelType = "HOLDS"
	Executes     RelType = "EXECUTES"
	Commissioned RelType = "COMMISSIONED"
	Coordinates  RelType = "COORDINATES"
	Published    RelType = "PUBLISHED"
	RelatesTo    RelType = "RELATES_TO"
	SubmittedIn  RelType = "SUBMITTED_IN"
	MadeIn       RelType = "MADE_IN"
	Attended     RelType = "ATTENDED"
)

// RelTypes lists every relation type in a fixed order.
var RelTypes = []RelType{SignedBy, OnBehalfOf, AddressedTo, Cites, RespondsTo, Mentions,
	Submitted, MemberOf, HoldsOffice, PartOf, Holds, Executes, Commissioned, Coordinates,
	Published, RelatesTo, SubmittedIn, MadeIn, Attended}

// Valid reports whether t is one of the ontology's relation types.
func (t RelType) Valid() bool {
	for _, x := range RelTypes {
		if x == t {
			return true
		}
	}
	return false
}

// Evidence is the sentence that supports a fact: the document it stands in (a Document node
// ID), the quote, and its rune offsets [Start, End) in that document's normalised text.
type Evidence struct {
	Document string `json:"document"`
	Quote    string `json:"quote"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

func (e Evidence) less(o Evidence) bool {
	if e.Document != o.Document {
		return e.Document < o.Document
	}
	if e.Start != o.Start {
		return e.Start < o.Start
	}
	return e.End < o.End
}

// Node is one thing in the graph. Props holds the label's other properties, keyed by the
// property names in props.go; values are string, int64, float64, bool, []string or []int64
// only, so that every store (Neo4j included) can hold them as they are. Read them with
// Prop, Str, Int and the like: a sealed node (Seal) answers those from its own copy.
type Node struct {
	ID       string         `json:"id"`
	Label    Label          `json:"label"`
	Name     string         `json:"name"`
	Aliases  []string       `json:"aliases,omitempty"`
	Props    map[string]any `json:"-"`
	Mentions []Evidence     `json:"mentions,omitempty"`
	sealed   sealedProps
}

// Edge is one relation between two nodes. There is at most one edge per (Type, From, To);
// every sentence that states it adds to Evidence.
type Edge struct {
	Type     RelType        `json:"type"`
	From     string         `json:"from"`
	To       string         `json:"to"`
	Props    map[string]any `json:"-"`
	Evidence []Evidence     `json:"evidence"`
}

// ID is the edge's stable identifier, "from|TYPE|to".
func (e Edge) ID() string { return EdgeID(e.From, e.Type, e.To) }

// EdgeID builds the stable identifier of an edge.
func EdgeID(from string, t RelType, to string) string {
	return from + "|" + string(t) + "|" + to
}

// AppendEdgeID appends EdgeID(from, t, to) to dst: an answer writes an edge's ID without
// making the string.
func AppendEdgeID(dst []byte, from string, t RelType, to string) []byte {
	dst = append(append(dst, from...), '|')
	dst = append(append(dst, t...), '|')
	return append(dst, to...)
}

// Graph is the loader's output and the stores' input: nodes sorted by ID, edges sorted by
// (From, Type, To), evidence sorted by document and offset. Built with a Builder, it is
// byte-for-byte the same for the same input.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node returns the node with the given ID, or nil.
func (g *Graph) Node(id string) *Node {
	i := sort.Search(len(g.Nodes), func(i int) bool { return g.Nodes[i].ID >= id })
	if i < len(g.Nodes) && g.Nodes[i].ID == id {
		return &g.Nodes[i]
	}
	return nil
}

// Validate checks the invariants every store relies on: known labels and types, unique
// node IDs, edges between existing nodes, evidence on every edge, and property values of the
// supported kinds.
func (g *Graph) Validate() error {
	seen := make(map[string]bool, len(g.Nodes))
	for _, n := range g.Nodes {
		if n.ID == "" || !n.Label.Valid() {
			return fmt.Errorf("node %q: bad id or label %q", n.ID, n.Label)
		}
		if seen[n.ID] {
			return fmt.Errorf("node %q: duplicate id", n.ID)
		}
		seen[n.ID] = true
		for k, v := range n.Props {
			if err := checkValue(v); err != nil {
				return fmt.Errorf("node %q property %q: %w", n.ID, k, err)
			}
		}
	}
	for _, e := range g.Edges {
		if !e.Type.Valid() {
			return fmt.Errorf("edge %s: bad type", e.ID())
		}
		if !seen[e.From] || !seen[e.To] {
			return fmt.Errorf("edge %s: dangling end", e.ID())
		}
		if len(e.Evidence) == 0 {
			return fmt.Errorf("edge %s: no evidence", e.ID())
		}
		for k, v := range e.Props {
			if err := checkValue(v); err != nil {
				return fmt.Errorf("edge %s property %q: %w", e.ID(), k, err)
			}
		}
	}
	return nil
}

func checkValue(v any) error {
	switch v.(type) {
	case string, int64, float64, bool, []string, []int64:
		return nil
	}
	return fmt.Errorf("unsupported value type %T", v)
}
