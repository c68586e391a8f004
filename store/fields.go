package store

import (
	"fmt"
	"slices"

	"beleidsgraaf/kg"
)

// fieldSpec says what a Field holds and what may be done with it. One table, so that
// filter validation, ordering and cursors agree on every field.
type fieldSpec struct {
	integer  bool // int64 values (else strings)
	optional bool // a node property that may be missing
	order    bool // may be ordered by
	ops      []Op // may be filtered with
}

var (
	stringOps = []Op{OpEq, OpIn, OpContains, OpStartsWith, OpGte, OpLte}
	numberOps = []Op{OpEq, OpIn, OpGte, OpLte}
)

// The motion dates: ISO strings like FieldDate, with the same semantics (lexical
// comparison, missing values false in filters and last in either order direction).
const (
	FieldDateSubmitted Field = kg.PropDateSubmitted
	FieldDateAdopted   Field = kg.PropDateAdopted
	// FieldSince is the date from which a node is in the graph (kg.PropSince): lists as of
	// a date keep the nodes whose since is on or before it.
	FieldSince Field = kg.PropSince
)

var fieldSpecs = map[Field]fieldSpec{
	FieldID:            {order: true, ops: stringOps},
	FieldName:          {order: true, ops: stringOps},
	FieldLabel:         {ops: []Op{OpEq, OpIn}},
	FieldDate:          {optional: true, order: true, ops: stringOps},
	FieldDateSubmitted: {optional: true, order: true, ops: stringOps},
	FieldDateAdopted:   {optional: true, order: true, ops: stringOps},
	FieldSince:         {optional: true, order: true, ops: stringOps},
	FieldDossier:       {optional: true, order: true, ops: stringOps},
	FieldKind:          {optional: true, order: true, ops: stringOps},
	FieldStatus:        {optional: true, order: true, ops: stringOps},
	FieldNumber:        {integer: true, optional: true, order: true, ops: numberOps},
	FieldDegree:        {integer: true, order: true},
}

// PropertyFields returns the optional fields, sorted: the node properties a list filters
// and orders by. A store that keeps typed copies or indexes of them (as the Neo4j store
// does) should cover exactly these, so that a field added here is never forgotten there.
func PropertyFields() []Field {
	var out []Field
	for f, s := range fieldSpecs {
		if s.optional {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// IsInteger reports whether a field holds int64 values; the others hold strings. A
// property value of the other kind counts as missing.
func (f Field) IsInteger() bool { return fieldSpecs[f].integer }

func spec(f Field) (fieldSpec, error) {
	s, ok := fieldSpecs[f]
	if !ok {
		return fieldSpec{}, fmt.Errorf("%w: unknown field %q", ErrInvalidQuery, f)
	}
	return s, nil
}

// NameKey is a node's sort key: its folded name. The Neo4j store keeps it as a property so
// that ORDER BY and keyset comparisons run in the database.
func NameKey(n *kg.Node) string { return kg.Fold(n.Name) }

// NameKeys are the folded names a node answers to, for Lookup and for name CONTAINS /
// STARTS_WITH filters: the name key first, then each alias in order, then the
// abbreviation; without empty or repeated keys.
func NameKeys(n *kg.Node) []string {
	keys, _ := names(n)
	return keys
}

// names returns NameKeys and, parallel to them, the names as written (for snippets).
func names(n *kg.Node) (keys, raw []string) {
	keys = make([]string, 0, 2+len(n.Aliases))
	raw = make([]string, 0, 2+len(n.Aliases))
	add := func(s string) {
		k := kg.Fold(s)
		if k == "" || slices.Contains(keys, k) {
			return
		}
		keys = append(keys, k)
		raw = append(raw, s)
	}
	add(n.Name)
	for _, a := range n.Aliases {
		add(a)
	}
	add(n.Str(kg.PropAbbreviation))
	return keys, raw
}

// Degrees counts the edges at each node of g, a self-loop once: the value FieldDegree
// orders by. Nodes without edges are absent (degree 0).
func Degrees(g *kg.Graph) map[string]int {
	d := make(map[string]int, len(g.Nodes))
	for _, e := range g.Edges {
		d[e.From]++
		if e.To != e.From {
			d[e.To]++
		}
	}
	return d
}

// NewStats returns Stats with every label and type present at 0.
func NewStats() Stats {
	s := Stats{Nodes: make(map[kg.Label]int, len(kg.Labels)), Edges: make(map[kg.RelType]int, len(kg.RelTypes))}
	for _, l := range kg.Labels {
		s.Nodes[l] = 0
	}
	for _, t := range kg.RelTypes {
		s.Edges[t] = 0
	}
	return s
}

// CheckLabels refuses labels kg does not know.
func CheckLabels(labels ...kg.Label) error {
	for _, l := range labels {
		if !l.Valid() {
			return fmt.Errorf("%w: unknown label %q", ErrInvalidQuery, l)
		}
	}
	return nil
}

// CheckTypes refuses relation types kg does not know.
func CheckTypes(types []kg.RelType) error {
	for _, t := range types {
		if !t.Valid() {
			return fmt.Errorf("%w: unknown relation type %q", ErrInvalidQuery, t)
		}
	}
	return nil
}

// CheckDirection refuses directions other than Out, In, Both and "".
func CheckDirection(d Direction) error {
	switch d {
	case Out, In, Both, "":
		return nil
	}
	return fmt.Errorf("%w: unknown direction %q", ErrInvalidQuery, d)
}
