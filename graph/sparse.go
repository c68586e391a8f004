package graph

import (
	"slices"

	"github.com/vektah/gqlparser/v2/ast"

	"beleidsgraaf/kg"
)

// nameFields are the node fields a store's SubgraphQuery.NamesOnly read still answers;
// endFields the edge fields a EndsOnly read still answers (since, evidence read more).
var (
	nameFields = []string{"__typename", "id", "label", "name"}
	endFields  = []string{"__typename", "id", "type", "from", "to"}
)

// subgraphSelects reads the selection of a field that returns a Subgraph: whether its
// nodes select nothing but nameFields (on every label), and whether its edges select
// nothing but endFields. The store then ships only those (store.SubgraphQuery NamesOnly, EndsOnly): a
// neighbourhood drawn as a graph asks for little of hundreds of nodes and edges. Both are
// false when the selection cannot be told.
func (l *Loaders) subgraphSelects(field *ast.Field) (namesOnly, endsOnly bool) {
	if l.op == nil || field == nil || field.Definition == nil {
		return false, false
	}
	namesOnly, endsOnly = true, true
	for _, f := range l.collect(field.SelectionSet, []string{field.Definition.Type.Name()}) {
		switch f.Name {
		case "nodes":
			for _, label := range kg.Labels {
				for _, g := range l.collect(f.Selections, nodeTypeNames(label)) {
					if !slices.Contains(nameFields, g.Name) {
						namesOnly = false
					}
				}
			}
		case "edges":
			for _, g := range l.collect(f.Selections, []string{"Relation"}) {
				if !slices.Contains(endFields, g.Name) {
					endsOnly = false
				}
			}
		}
	}
	return namesOnly, endsOnly
}
