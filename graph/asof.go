package graph

import (
	"beleidsgraaf/graph/model"
	"beleidsgraaf/store"
)

// asOfFilter narrows a root list to the nodes in the graph on the field's asOf date (its
// argument, when the field has one and it is set): those whose since is on or before it.
func asOfFilter(args map[string]any, where *store.Filter) *store.Filter {
	d, _ := args["asOf"].(*model.Date)
	if d == nil {
		return where
	}
	return all(where, cmp(store.FieldSince, store.OpLte, string(*d)))
}
